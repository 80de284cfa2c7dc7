import type { StrategyResult } from './result.ts';
import { count } from './noteFormat.ts';

const clock = (seconds: number) => {
  const m = Math.round(seconds / 60) % (24 * 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * One sentence per strategy with warm headroom or a scheduled pre-scale: placeholders are in no
 * pod figure of the table, so what they did is said here (CLI under its table, app under its verdict).
 */
export function headroomNotes(s: StrategyResult): string[] {
  const out: string[] = [];
  const h = s.headroom;
  if (h) {
    const left = h.placeholdersPendingAtEnd > 0 ? `; ${count(h.placeholdersPendingAtEnd)} placeholders were still waiting for a node at the end` : '';
    const by = h.provisioner === 'karpenter' ? 'Karpenter' : 'cluster-autoscaler';
    const scheduled = h.schedule?.length ? ` (scaled to ${h.schedule.map((a) => `${count(a.placeholderPods)} at ${clock(a.at)}`).join(', ')})` : '';
    const what =
      h.placeholdersPreempted > 0
        ? `${count(h.podsPlacedByPreemption)} pods took their room without waiting for a node (${count(h.placeholdersPreempted)} placeholders preempted, then replaced by ${by})`
        : `no pod had to preempt one (the placeholders made ${by} launch nodes)`;
    out.push(`${s.name}: warm headroom of ${count(h.placeholderPods)} placeholder pods${scheduled}: ${what}${left}`);
  }
  if (s.scheduledLaunches !== undefined) out.push(`${s.name}: the scheduled minimum sizes launched ${count(s.scheduledLaunches)} nodes`);
  return out;
}
