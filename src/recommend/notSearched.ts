import { formatClock } from '../app/format.ts';
import type { Scenario } from '../scenario/scenario.ts';

const clock = (s: number) => formatClock(s, 86400);

/**
 * What the search could not try but a planner should, one sentence each (the CLI prints them under
 * the answer, the app under its diff). The recommender only turns knobs a scenario already has:
 * when the workload has sessions at known times of day and a node pool has no schedule to scale
 * for them, the cheapest setup it finds may be a baseline sized for the peak all day, where a
 * pre-scale before the sessions could meet the SLO for a fraction of the cost. Say so rather than
 * let the answer read as the cheapest possible.
 */
export function notSearched(scenario: Scenario): string[] {
  const sessions = scenario.workload.flatMap((w, i) => (w.type === 'burst' ? [{ index: i, name: w.name, starts: w.sessionStarts }] : []));
  if (!sessions.length) return [];
  const when = sessions.map((s) => `${s.starts.map(clock).join(', ')} (workload.${s.index}, ${s.name})`).join('; ');
  const out: string[] = [];
  scenario.strategies.forEach((s, i) => {
    if (!('nodePool' in s)) return;
    const pool = s.nodePool;
    if (pool.karpenter) {
      if (!pool.headroom?.schedule?.length) {
        out.push(`${s.name}: no scheduled pre-scale to search (strategies.${i}.nodePool.headroom.schedule is empty); sessions start at ${when}: placeholder pods scaled up shortly before them and down at the start may meet the SLO for less; add a schedule and run the search again`);
      }
    } else if (pool.autoscaler !== null && !pool.schedule?.length) {
      out.push(`${s.name}: no scheduled pre-scale to search (strategies.${i}.nodePool.schedule is empty); sessions start at ${when}: a schedule that raises minNodes shortly before them and lowers it after may meet the SLO for far less than a higher baseline all day; add one and run the search again`);
    }
  });
  return out;
}
