import type { StrategyRun } from './strategyRun.ts';
import { LEVEL, type Recorder } from '../metrics/recorder.ts';
import { quantilesOf, WIDE_MIN, type FillValues, type ValueRange } from '../metrics/quantile.ts';
import { quantileBySelection } from '../metrics/quantileSelect.ts';
import type { CostItems, LimitWait, SpotOutcome, StrategyResult } from '../metrics/result.ts';
import type { NodeLimitName, WaitLedger } from '../metrics/waits.ts';
import { RAN_ON, RAN_ON_NODE } from '../models/cluster.ts';
import type { RunPoint } from '../runs/bands.ts';

/** Points in the pending-time CDF of a result. */
export const CDF_POINTS = 201;

/** The CDF's probabilities, then p95 and p99 (p50 is CDF point 100; the max is its last point). */
const PENDING_PROBABILITIES = Array.from({ length: CDF_POINTS }, (_, k) => k / (CDF_POINTS - 1)).concat([0.95, 0.99]);

/** Turns a finished run into plain result data: costs, utilization, pending times, series. */
export function summarize(run: StrategyRun): StrategyResult {
  const { scenario, strategy, cluster, models } = run;
  const h = scenario.horizon;
  const hours = h / 3600;
  const r = cluster.recorder;

  const { items, total, commitment } = costOf(run);
  const { arrived, fillWaits, range, started, onNodes, onServerless, violations, sum } = pendingTimes(run);
  const q = quantilesOf(arrived, fillWaits, PENDING_PROBABILITIES, undefined, range);
  const pendingCdf = q.slice(0, CDF_POINTS);
  const pool = models.pool;

  return {
    name: strategy.name,
    kind: strategy.kind,
    cost: { total, currency: models.currency, items },
    utilization: utilizationOf(r),
    pendingSeconds: {
      p50: q[(CDF_POINTS - 1) / 2],
      p95: q[CDF_POINTS],
      p99: q[CDF_POINTS + 1],
      max: q[CDF_POINTS - 1],
      mean: arrived > 0 ? sum / arrived : 0,
    },
    slo: { thresholdSeconds: scenario.slo.pendingSeconds, violations },
    pods: {
      total: arrived,
      completed: cluster.completed,
      started,
      neverStarted: arrived - started,
      unschedulable: cluster.unschedulable,
      onNodes,
      onServerless,
      evictions: cluster.evictions,
      podHours: r.total(LEVEL.running) / 3600,
    },
    nodes: {
      peak: r.peaks[LEVEL.nodes],
      launched: pool?.launched ?? 0,
      failedToRegister: pool?.failedToRegister ?? 0,
      neverCreated: pool?.neverCreated ?? 0,
      removed: pool?.removed ?? 0,
    },
    limits: limitWaits(cluster.waits, { ...models.autoscaler?.limitValues, ...models.karpenter?.limitValues }),
    ...(models.spot || models.serverlessSpot ? { spot: spotOutcome(models) } : {}),
    ...(commitment ? { commitment: commitment.bill } : {}),
    waits: { totalSeconds: sum, byCause: waitsByCause(cluster), provisioningByStage: cluster.waits.provisioningByStage() },
    ...(pool?.headroom
      ? {
          headroom: {
            placeholderPods: (strategy.kind !== 'serverless' && strategy.nodePool.headroom?.placeholderPods) || 0,
            provisioner: models.karpenter ? ('karpenter' as const) : ('cluster-autoscaler' as const),
            ...(strategy.kind !== 'serverless' && strategy.nodePool.headroom?.schedule?.length
              ? { schedule: [...strategy.nodePool.headroom.schedule].sort((a, b) => a.at - b.at).map((a) => ({ at: a.at, placeholderPods: a.placeholderPods })) }
              : {}),
            podsPlacedByPreemption: pool.headroom.podsPlacedByPreemption,
            placeholdersPreempted: pool.headroom.preemptions,
            placeholdersPendingAtEnd: pool.headroom.pending,
          },
        }
      : {}),
    ...(models.scheduledMinimum ? { scheduledLaunches: models.scheduledMinimum.launched } : {}),
    events: run.kernel.steps,
    series: {
      t: r.bucketStarts(),
      runningPods: r.average(LEVEL.running),
      pendingPods: r.average(LEVEL.pending),
      nodes: r.average(LEVEL.nodes),
      nodesReady: r.average(LEVEL.nodesReady),
      serverlessPods: r.average(LEVEL.serverless),
      requestedVcpu: r.average(LEVEL.requestedCpu),
      provisionedVcpu: r.average(LEVEL.paidCpu),
      costRate: addConstant(scaleBy(r.average(LEVEL.costRate), 3600), (items.controlPlane + fixedPerHour(strategy.fixedCosts) * hours) / hours),
      cumulativeCost: cumulativeCostOf(r, total, h),
    },
    pendingCdf,
  };
}

/** What a band-only run of a study keeps of a strategy: its point, and the two series the app's charts band. */
export interface BandSample {
  point: RunPoint;
  cumulativeCost?: Float64Array;
  pendingCdf?: Float64Array;
}

/**
 * The light summary of a band-only run (runs 2..N of a Monte Carlo study): only what the bands and
 * the paired verdict use, computed by the same code as `summarize`, so each field is the same
 * double as the full result's (`runPoint(summarize(run))`). With `series` (the app's charts band
 * them) it adds the cumulative cost per bucket and the pending-time CDF; without, the pending p95
 * comes from a selection instead of sorting every pod's wait, which was most of a summary's time
 * (about 3 ms of 4 per strategy of the headline). No series, wait breakdown, limits or notes.
 */
export function summarizeForBands(run: StrategyRun, series: boolean): BandSample {
  const { total } = costOf(run);
  const { arrived, fillWaits, range, started, violations } = pendingTimes(run);
  const cdf = series ? quantilesOf(arrived, fillWaits, PENDING_PROBABILITIES, undefined, range) : undefined;
  let p95 = cdf ? cdf[CDF_POINTS] : 0;
  if (!cdf) {
    const waits = new Float64Array(arrived);
    fillWaits(0, arrived, waits);
    p95 = quantileBySelection(waits, 0.95);
  }
  const point: RunPoint = {
    cost: total,
    pendingP95: p95,
    utilizationCpu: utilizationOf(run.cluster.recorder).cpu,
    sloViolations: violations,
    neverStarted: arrived - started,
    podsTotal: arrived,
  };
  if (!cdf) return { point };
  return { point, cumulativeCost: cumulativeCostOf(run.cluster.recorder, total, run.scenario.horizon), pendingCdf: cdf.slice(0, CDF_POINTS) };
}

/** The cost items and their total; the commitment's bill when there is one. */
function costOf(run: StrategyRun): { items: CostItems; total: number; commitment: ReturnType<NonNullable<StrategyRun['models']['commitment']>['settle']> | undefined } {
  const { scenario, strategy, models } = run;
  const hours = scenario.horizon / 3600;
  const items: CostItems = {
    nodeCompute: models.pool?.nodeCost ?? 0,
    controlPlane: strategy.controlPlanePerHour * hours,
    serverlessCpu: models.serverless?.cpuCost ?? 0,
    serverlessMemory: models.serverless?.memCost ?? 0,
  };
  const commitment = models.commitment?.settle();
  if (commitment) {
    // The covered usage is paid through the commitment, not on demand: it leaves the usage items
    // (serverless split between vCPU and memory as they were billed) and the commitment is an item.
    items.nodeCompute -= commitment.nodesCovered;
    const sl = items.serverlessCpu + items.serverlessMemory;
    if (sl > 0) {
      items.serverlessCpu -= (commitment.serverlessCovered * items.serverlessCpu) / sl;
      items.serverlessMemory -= (commitment.serverlessCovered * items.serverlessMemory) / sl;
    }
    items.commitment = commitment.bill.committed;
  }
  for (const f of strategy.fixedCosts) items[f.name] = (items[f.name] ?? 0) + f.perHour * hours;
  const total = Object.values(items).reduce((a, b) => a + b, 0);
  return { items, total, commitment };
}

/**
 * Every arrived pod's pending time, arrival to first Running. A pod that never started (still
 * waiting at the horizon, or fitting nowhere) has waited until the horizon at least: it counts
 * with that wait, never as 0 and never left out (which would make a run that starts nothing look
 * instant). The tallies come from one pass (with the range the quantiles need, see ValueRange);
 * the times themselves are written by `fillWaits` chunk by chunk when the quantiles read them (see
 * FillValues), not kept in an array.
 */
function pendingTimes(run: StrategyRun): { arrived: number; fillWaits: FillValues; range: ValueRange; started: number; onNodes: number; onServerless: number; violations: number; sum: number } {
  const { scenario, cluster } = run;
  const h = scenario.horizon;
  const arrived = run.arrived;
  let started = 0;
  let onNodes = 0;
  let onServerless = 0;
  let violations = 0;
  let sum = 0;
  let largest = -Infinity;
  let smallestWide = Infinity;
  let unusual = false;
  const slo = scenario.slo.pendingSeconds;
  // The arrays in locals: the first run in a browser worker runs this loop in the interpreter.
  const { firstRunningAt, flags } = cluster;
  const arrival = cluster.pods.arrival;
  for (let i = 0; i < arrived; i++) {
    // Running is recorded when a pod starts, so a pod can be due to run after the horizon; a pod
    // that never started has NaN, which compares false.
    const running = firstRunningAt[i];
    let w: number;
    if (running <= h) {
      w = running - arrival[i];
      started++;
      if ((flags[i] & RAN_ON) === RAN_ON_NODE) onNodes++;
      else onServerless++;
    } else {
      w = h - arrival[i];
    }
    sum += w;
    if (w > slo) violations++;
    if (w > largest) largest = w;
    if (w < smallestWide && w >= WIDE_MIN) smallestWide = w;
    if (!(w > 0) && (w !== 0 || 1 / w < 0)) unusual = true;
  }
  const fillWaits: FillValues = (start, end, out) => {
    for (let i = start; i < end; i++) {
      const running = firstRunningAt[i];
      out[i - start] = (running <= h ? running : h) - arrival[i];
    }
  };
  return { arrived, fillWaits, range: { smallestWide, largest, unusual }, started, onNodes, onServerless, violations, sum };
}

/** Requested over paid, time-weighted over the horizon (0 when nothing was paid). */
function utilizationOf(r: Recorder): { cpu: number; memory: number } {
  const paidCpu = r.total(LEVEL.paidCpu);
  const paidMem = r.total(LEVEL.paidMem);
  return {
    cpu: paidCpu > 0 ? r.total(LEVEL.requestedCpu) / paidCpu : 0,
    memory: paidMem > 0 ? r.total(LEVEL.requestedMem) / paidMem : 0,
  };
}

/** Spend up to the end of each bucket, the costs that accrue evenly (control plane, fixed) spread in. */
function cumulativeCostOf(r: Recorder, total: number, horizon: number): Float64Array {
  return addFixed(r.cumulative(LEVEL.costRate), total - r.total(LEVEL.costRate), r.bucketSeconds, horizon);
}

/** Spot nodes and preemptible pods together, in the result's words. */
function spotOutcome(models: StrategyRun['models']): SpotOutcome {
  const a = models.spot?.tally;
  const b = models.serverlessSpot?.tally;
  return {
    spotNodes: models.spot?.spotLaunched ?? 0,
    onDemandFallbacks: models.spot?.onDemandFallbacks ?? 0,
    interruptions: (a?.interruptions ?? 0) + (b?.interruptions ?? 0),
    podsInterrupted: (a?.podsInterrupted ?? 0) + (b?.podsInterrupted ?? 0),
    lostPodSeconds: (a?.lostPodSeconds ?? 0) + (b?.lostPodSeconds ?? 0),
  };
}

function fixedPerHour(costs: ReadonlyArray<{ perHour: number }>): number {
  return costs.reduce((a, c) => a + c.perHour, 0);
}

function addConstant(a: Float64Array, k: number): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] += k;
  return a;
}

function scaleBy(a: Float64Array, k: number): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] *= k;
  return a;
}

/** Spreads costs that accrue evenly over time (control plane, fixed costs) into the cumulative series. */
function addFixed(cum: Float64Array, fixedTotal: number, bucketSeconds: number, horizon: number): Float64Array {
  for (let b = 0; b < cum.length; b++) cum[b] += (fixedTotal * Math.min(horizon, (b + 1) * bucketSeconds)) / horizon;
  return cum;
}

/** The pending seconds by cause: the waits still open are charged up to the horizon first. */
function waitsByCause(cluster: StrategyRun['cluster']): StrategyResult['waits']['byCause'] {
  cluster.waits.settle();
  return cluster.waits.byCause();
}

/**
 * The node limits that left pods waiting, in the result's words: the pods and seconds the wait
 * ledger charged to each (so the limit sentences and the wait breakdown agree), with its value.
 */
function limitWaits(waits: WaitLedger, values: Partial<Record<NodeLimitName, number>>): StrategyResult['limits'] {
  waits.settle();
  const out: StrategyResult['limits'] = {};
  for (const [name, w] of Object.entries(waits.byLimit()) as Array<[NodeLimitName, { podsWaited: number; podSeconds: number }]>) {
    out[name] = { value: values[name] ?? Infinity, ...w } satisfies LimitWait;
  }
  return out;
}
