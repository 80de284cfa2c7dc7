import { runPoint, type RunPoint } from '../runs/bands.ts';
import { simulate } from '../replay/simulate.ts';
import { recommend, type Evaluator, type RecommendResult } from '../recommend/search.ts';
import { getPath, setPath } from '../recommend/patch.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { buildWorkload } from '../workload/build.ts';
import type { PodTable } from '../workload/podTable.ts';
import { StrategyPool } from './parallelSimulate.ts';
import { formatSeconds } from './report.ts';

/**
 * `--recommend`: the recommender's replays on worker threads (a pool started once for the whole
 * search), or in this thread for one job. With `coarse` (the coarse grid's points, from the
 * shards of `--recommend --shard`), only the refinement and the final check are replayed.
 */
export async function runRecommend(
  scenario: Scenario,
  traces: ReadonlyMap<string, PodTable>,
  runs: number,
  jobs: number,
  progress?: (line: string) => void,
  coarse?: readonly RunPoint[],
): Promise<RecommendResult> {
  const pool = jobs > 1 ? await StrategyPool.borrow(jobs) : null;
  try {
    return await recommend(scenario, {
      runs,
      evaluate: replayer(traces, pool),
      coarse,
      onProgress: (configs, replays) => progress?.(`recommend: ${configs} configurations, ${replays} replays so far`),
    });
  } finally {
    await pool?.release();
  }
}

/**
 * Replays the recommender's items (one-strategy scenarios with a seed) on the pool, or in this
 * thread without one. The pods of a seed are the same for every configuration (knobs change
 * strategies, not the workload), so each seed's pods are built once.
 */
export function replayer(traces: ReadonlyMap<string, PodTable>, pool: StrategyPool | null): Evaluator {
  const podsBySeed = new Map<number, PodTable>();
  const podsOf = (sc: Scenario) => {
    let pods = podsBySeed.get(sc.seed);
    if (!pods) podsBySeed.set(sc.seed, (pods = buildWorkload(sc, traces)));
    return pods;
  };
  return async (items): Promise<RunPoint[]> => {
    const seeded = items.map((it) => ({ ...it.scenario, seed: it.seed }));
    if (!pool) return seeded.map((sc) => runPoint(simulate(sc, podsOf(sc)).strategies[0]));
    const results = await pool.runMany(seeded.map((sc) => ({ scenario: sc, pods: () => podsOf(sc) })));
    return results.map((r) => runPoint(r[0]));
  };
}

/** The scenario file as written, with the recommendation's changes applied (paths are the schema's). */
export function patchScenario(doc: unknown, changes: Record<string, unknown>): unknown {
  let out = doc;
  for (const [path, value] of Object.entries(changes)) out = setPath(out, path, value);
  return out;
}

/** The `recommendation` of the JSON contract, with the patched scenario, and what the search covered. */
export function recommendationJson(result: RecommendResult, doc: unknown) {
  const r = result.recommendation;
  return {
    recommendation: r ? { ...r, patchedScenario: patchScenario(doc, r.changes) } : null,
    recommendationSearch: {
      runs: result.runs,
      sloSeconds: result.sloSeconds,
      configurations: result.configurations,
      replays: result.replays,
      strategies: result.strategies.map((s) => ({ strategy: s.strategy, knobs: s.knobs, meetsSlo: s.best !== null, ...(s.best ? { cost: s.best.cost, changes: s.best.changes } : { bestShare: s.bestShare }) })),
      notSearched: result.notSearched,
    },
  };
}

const money = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const shown = (v: unknown) => (Array.isArray(v) ? v.join(', ') : typeof v === 'number' ? v.toLocaleString('en-US') : JSON.stringify(v));

/** The recommendation as a diff against the scenario, then the patched scenario JSON. */
export function recommendText(result: RecommendResult, doc: unknown, scenario: Scenario, file: string): string {
  const slo = formatSeconds(result.sloSeconds);
  const out = [`recommend: ${result.configurations} configurations, ${result.replays} replays; a setup qualifies when its pending p95 is within the ${slo} SLO in at least 90% of ${result.runs} runs`, ''];
  for (const s of result.strategies) {
    const knobs = s.knobs.length ? `searched ${s.knobs.join(', ')}` : 'no knobs to search: checked as it is';
    out.push(s.best ? `  ${s.strategy}: ${money(s.best.cost)} (${knobs})` : `  ${s.strategy}: no setting tried meets the SLO; best ${Math.round(s.bestShare * 100)}% of screening runs (${knobs})`);
  }
  const r = result.recommendation;
  const unsearched = result.notSearched.map((line) => `  not searched: ${line}`);
  if (!r) {
    out.push('', 'No strategy meets the SLO in 90% of runs with the settings searched: try a longer SLO, a larger node limit, or scheduled pre-scaling.', ...unsearched);
    return out.join('\n');
  }
  out.push('', `cheapest that meets the SLO: ${r.strategy}, ${money(r.cost)} (median of ${result.runs} runs), pending p95 ${formatSeconds(r.pendingP95)} (median), within the SLO in ${Math.round(r.meetsSloShare * result.runs)} of ${result.runs} runs`);
  const changes = Object.entries(r.changes);
  if (!changes.length) out.push('  no change: the scenario as written already meets it');
  for (const [path, value] of changes) out.push(`  - ${path}: ${shown(getPath(scenario, path))}\n  + ${path}: ${shown(value)}`);
  if (unsearched.length) out.push('', ...unsearched);
  out.push('', `patched ${file}:`, JSON.stringify(patchScenario(doc, r.changes), null, 2));
  return out.join('\n');
}
