import type { StrategyResult } from './result.ts';
import { count, hours } from './noteFormat.ts';

function duration(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** How each limit reads in a sentence. */
const LIMIT_LABEL: Record<string, string> = {
  maxNodes: 'maxNodes',
  maxNodesTotal: 'maxNodesTotal',
  nodePoolCpu: 'the NodePool cpu limit',
  nodePoolMemoryGiB: 'the NodePool memory limit (GiB)',
};

/**
 * One sentence per node limit that left pods waiting (the CLI prints them under its table, the
 * app under its verdict): a limit that holds pods back is a result, not a detail to find in JSON.
 */
export function limitNotes(s: StrategyResult): string[] {
  const out: string[] = [];
  for (const [name, w] of Object.entries(s.limits)) {
    if (!w) continue;
    out.push(
      `${s.name}: ${count(w.podsWaited)} of ${count(s.pods.total)} pods waited for nodes at ${LIMIT_LABEL[name] ?? name} (${count(w.value)}), ` +
        `${duration(w.podSeconds / Math.max(1, w.podsWaited))} each on average (${hours(w.podSeconds)} pod-hours)`,
    );
  }
  return out;
}
