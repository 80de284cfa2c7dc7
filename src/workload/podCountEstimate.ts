import type { Scenario } from '../scenario/scenario.ts';
import type { DiurnalService, EveningBurst, PoissonBatch, TraceSource } from '../scenario/workload.ts';
import { diurnalReplicas } from './generators/diurnal.ts';

const DAY = 86400;

/** Above this many steps a diurnal source is bounded instead of stepped through (1 M steps take ~10 ms). */
const DIURNAL_EXACT_STEPS = 1_000_000;

/**
 * How many pods a diurnal source makes, without making them: the replicas at time 0 plus every
 * increase from one step to the next (the generator starts a pod per new replica). Exact up to a
 * million steps; beyond that, a bound: the replicas at 0 plus max - min per rise of the cosine.
 */
export function diurnalPodCount(g: DiurnalService, horizon: number): number {
  const steps = Math.ceil(horizon / g.step);
  if (steps <= DIURNAL_EXACT_STEPS) {
    let pods = 0;
    let replicas = 0;
    for (let t = 0; t < horizon; t += g.step) {
      const want = diurnalReplicas(g, t);
      if (want > replicas) pods += want - replicas;
      replicas = want;
    }
    return pods;
  }
  // Each day the cosine rises once from min to max (it peaks at peakAt): at most max - min new
  // replicas per rise, and the horizon covers at most ceil(horizon / DAY) + 1 rises.
  return diurnalReplicas(g, 0) + (g.maxReplicas - g.minReplicas) * (Math.ceil(horizon / DAY) + 1);
}

/**
 * How many pods a burst source makes, at most: podsPerSession for every session whose earliest
 * arrival (start - herdWidth / 2) is before the horizon. Pods arriving after the horizon, or ending
 * before they start (sessionLength 0), are dropped by the generator, so it may make fewer.
 */
export function burstPodCount(g: EveningBurst, horizon: number): number {
  let sessions = 0;
  for (let day = 0; day * DAY < horizon; day++) {
    for (const start of g.sessionStarts) if (day * DAY + start - g.herdWidth / 2 < horizon) sessions++;
  }
  return sessions * g.podsPerSession;
}

/** Seconds of [0, horizon) inside the daily window [from, to) (which may wrap past midnight). */
export function secondsInWindow(horizon: number, window: { from: number; to: number } | undefined): number {
  if (!window) return horizon;
  const { from, to } = window;
  const perDay = from <= to ? to - from : DAY - from + to;
  const days = Math.floor(horizon / DAY);
  const rest = horizon - days * DAY;
  const overlap = (a: number, b: number) => Math.max(0, Math.min(b, rest) - a);
  const partial = from <= to ? overlap(from, to) : overlap(0, to) + overlap(from, DAY);
  return days * perDay + partial;
}

/**
 * How many jobs a batch source makes, on average: jobsPerHour over the time inside its window (a
 * Poisson process; the count drawn differs by about its square root).
 */
export function batchPodCount(g: PoissonBatch, horizon: number): number {
  return Math.round((g.jobsPerHour / 3600) * secondsInWindow(horizon, g.window));
}

/**
 * How many pods a trace source makes: its rows (inline, or the imported file's row count in its
 * fingerprint), or the count given for a file loaded outside the scenario.
 */
export function tracePodCount(t: TraceSource, loadedRows?: number): number {
  return loadedRows ?? t.rows?.length ?? t.fingerprint?.rows ?? 0;
}

/**
 * The pods a scenario's workload will have, computed from the generators' parameters without
 * generating any (which for a bad input would take minutes or all the memory). `loadedRows` gives
 * the row count of trace tables read outside the scenario, by source name.
 */
export function estimatePodCount(scenario: Pick<Scenario, 'workload' | 'horizon'>, loadedRows: ReadonlyMap<string, number> = new Map()): number {
  let pods = 0;
  for (const source of scenario.workload) {
    switch (source.type) {
      case 'diurnal':
        pods += diurnalPodCount(source, scenario.horizon);
        break;
      case 'burst':
        pods += burstPodCount(source, scenario.horizon);
        break;
      case 'batch':
        pods += batchPodCount(source, scenario.horizon);
        break;
      case 'trace':
        pods += tracePodCount(source, loadedRows.get(source.name));
        break;
    }
  }
  return pods;
}
