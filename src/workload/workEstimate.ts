import type { Scenario } from '../scenario/scenario.ts';
import { estimatePodCount } from './podCountEstimate.ts';

/**
 * The most pod replays (pods x strategies, summed over a sweep's runs) a run may have unless the
 * user says otherwise (`--max-pods`): about a minute of work on the machine bench/README.md
 * measured. There, a 1M-pod week replays in 0.8-1.3 s on serverless and 1.9-2.8 s on node pools
 * and mixed setups (the slowest medians: mixed 2,773 ms, nodes 2,655 ms per million pods), so
 * at the slowest kind's ~2.8 s per million, one after another (the app's single worker, or
 * `--jobs 1`), 60 s is about 21 million pod replays; rounded down. The CLI's worker threads
 * finish the same work in about 60-70% of that time on two cores. Memory holds too: each replay
 * of a million pods peaked at 200-240 MiB.
 */
export const DEFAULT_MAX_POD_REPLAYS = 20_000_000;

export interface WorkEstimate {
  /** Pods in the workload (one run). */
  pods: number;
  strategies: number;
  /** Scenario runs (a sweep's variants; 1 for a plain run). */
  runs: number;
  /** pods x strategies, summed over the runs. */
  podReplays: number;
}

/**
 * The work of replaying `scenarios` (one, or a sweep's variants), estimated from their
 * parameters without generating a pod. `loadedRows`: row counts of trace tables read outside
 * the scenario, by source name.
 */
export function estimateWork(scenarios: ReadonlyArray<Pick<Scenario, 'workload' | 'horizon' | 'strategies'>>, loadedRows?: ReadonlyMap<string, number>): WorkEstimate {
  let podReplays = 0;
  let pods = 0;
  for (const s of scenarios) {
    const n = estimatePodCount(s, loadedRows);
    pods = Math.max(pods, n);
    podReplays += n * s.strategies.length;
  }
  return { pods, strategies: scenarios[0]?.strategies.length ?? 0, runs: scenarios.length, podReplays };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Why a run is refused, or undefined when its estimate is within `limit` pod replays.
 * `limitName` names a limit the user set (e.g. "--max-pods 1000"); `override` says how to run
 * it anyway where that is possible (the CLI's flag).
 */
export function workRefusal(estimate: WorkEstimate, limit: number, options: { limitName?: string; override?: string; runsAre?: string } = {}): string | undefined {
  if (estimate.podReplays <= limit) return undefined;
  // What the runs are: a sweep's variants, or a Monte Carlo study's seeds (`runsAre: 'runs'`).
  const runs = estimate.runs > 1 ? ` x ${count(estimate.runs)} ${options.runsAre ?? 'sweep runs'}` : '';
  const strategies = `${count(estimate.strategies)} strateg${estimate.strategies === 1 ? 'y' : 'ies'}`;
  return (
    `about ${count(estimate.pods)} pods x ${strategies}${runs} = ${count(estimate.podReplays)} pod replays, ${overLimit(estimate.podReplays, limit, options.limitName)}; ` +
    `lower the workload, shorten the horizon or use fewer strategies` +
    (options.override ? `, or ${options.override}` : '')
  );
}

function overLimit(podReplays: number, limit: number, limitName?: string): string {
  const minutes = podReplays / DEFAULT_MAX_POD_REPLAYS;
  const duration = minutes < 1 ? 'under a minute' : `about ${minutes < 10 ? minutes.toFixed(1) : count(minutes)} min`;
  return limitName ? `more than ${limitName}` : `more than the limit of ${count(limit)}, about a minute of replay on the machine bench/README.md measured (this would take ${duration})`;
}

/**
 * Why a `--recommend` search is refused, or undefined within `limit`: its planned replays (one
 * strategy each: the coarse grid screened, then each strategy's best checked with every run)
 * times the pods of one replay.
 */
export function recommendRefusal(
  pods: number,
  plan: { configurations: number; replays: number; screenRuns: number; runs: number },
  limit: number,
  options: { limitName?: string; override?: string } = {},
): string | undefined {
  const podReplays = pods * plan.replays;
  if (podReplays <= limit) return undefined;
  return (
    `about ${count(pods)} pods x ${count(plan.replays)} one-strategy replays (${count(plan.configurations)} configurations x ${plan.screenRuns} screening runs, ` +
    `then the best of each strategy with ${count(plan.runs)} runs) = ${count(podReplays)} pod replays, ${overLimit(podReplays, limit, options.limitName)}; ` +
    `lower the workload or shorten the horizon` +
    (options.override ? `, or ${options.override}` : '')
  );
}
