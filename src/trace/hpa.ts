import type { HpaSettings } from './mapping.ts';

/**
 * A model of the Kubernetes Horizontal Pod Autoscaler (autoscaling/v2) scaling on an external
 * "average value" metric: each pod is meant to serve `capacityPerPod` units of the rate.
 *
 * Each sync, as in the controller (pkg/controller/podautoscaler/horizontal.go):
 * 1. ratio = (rate / replicas) / capacityPerPod; within the tolerance the recommendation is the
 *    current count, otherwise ceil(replicas * ratio).
 * 2. Stabilization: scale up to the recommendation at once (scale-up window 0), scale down only to
 *    the highest recommendation of the last `scaleDownStabilization` seconds (times strictly after
 *    now - window, like the controller's `After(cutoff)`), the window starting out holding the
 *    initial replica count.
 * 3. Rate limits per policy period: up by at most max(+scaleUpPods, +scaleUpPercent %) of the count
 *    at the period start, down by at most scaleDownPercent %; then min/max replicas.
 */

/** A rate as a step function: `rates[i]` holds from `times[i]` until the next time. */
export interface RateSeries {
  times: Float64Array;
  rates: Float64Array;
}

/** Replica counts as a step function: `replicas[i]` from `times[i]` on; first entry = start. */
export interface ReplicaSchedule {
  times: number[];
  replicas: number[];
  /** Number of syncs the controller ran. */
  syncs: number;
}

// ceil() of a ratio that is an integer on paper but 3.0000000000000004 in floating point would
// add a pod the real controller (which works in integer milli-units) would not.
const FLOAT_SLACK = 1e-9;

export class HorizontalPodAutoscaler {
  private current: number;
  /** Unstabilized recommendations still inside the scale-down window. */
  private readonly recommendations: { time: number; replicas: number }[];
  /** Replica changes still inside the policy period. */
  private readonly changes: { time: number; delta: number }[] = [];

  constructor(
    private readonly settings: HpaSettings,
    private readonly capacityPerPod: number,
    initialReplicas: number,
    startTime: number,
  ) {
    this.current = initialReplicas;
    this.recommendations = [{ time: startTime, replicas: initialReplicas }];
  }

  get replicas(): number {
    return this.current;
  }

  /** One controller sync at time `now` seeing `rate`; returns the replica count it leaves. */
  sync(now: number, rate: number): number {
    const s = this.settings;
    const current = this.current;
    const ratio = rate / current / this.capacityPerPod;
    const recommended = Math.abs(ratio - 1) <= s.tolerance ? current : Math.ceil(current * ratio - FLOAT_SLACK);

    // Stabilization (scale-up window 0, so only scale-down looks back).
    const cutoff = now - s.scaleDownStabilization;
    while (this.recommendations.length && this.recommendations[0].time <= cutoff) this.recommendations.shift();
    let downLimit = recommended;
    for (const r of this.recommendations) if (r.replicas > downLimit) downLimit = r.replicas;
    this.recommendations.push({ time: now, replicas: recommended });
    let next = current;
    if (next < recommended) next = recommended;
    if (next > downLimit) next = downLimit;

    // Rate limits relative to the count at the start of the policy period.
    const periodCutoff = now - s.policyPeriod;
    while (this.changes.length && this.changes[0].time <= periodCutoff) this.changes.shift();
    if (next > current) {
      let added = 0;
      for (const c of this.changes) if (c.delta > 0) added += c.delta;
      const periodStart = current - added;
      const limit = Math.max(periodStart + s.scaleUpPods, Math.ceil(periodStart * (1 + s.scaleUpPercent / 100)), current);
      next = Math.min(next, limit, s.maxReplicas ?? Infinity);
    } else if (next < current) {
      let removed = 0;
      for (const c of this.changes) if (c.delta < 0) removed -= c.delta;
      const periodStart = current + removed;
      const limit = Math.min(Math.trunc(periodStart * (1 - s.scaleDownPercent / 100)), current);
      next = Math.max(next, limit, s.minReplicas);
    }

    if (next !== current) {
      this.changes.push({ time: now, delta: next - current });
      this.current = next;
    }
    return next;
  }
}

/** Replicas needed to serve `rate`, within min/max: where the deployment is assumed to start. */
export function replicasFor(rate: number, capacityPerPod: number, settings: HpaSettings): number {
  const needed = Math.ceil(rate / capacityPerPod - FLOAT_SLACK);
  return Math.min(Math.max(needed, settings.minReplicas), settings.maxReplicas ?? Infinity);
}

/**
 * Runs the HPA over a rate series: syncs every `syncPeriod` from the first sample until the last
 * one (the series end), seeing the rate held since the latest sample. The deployment starts in
 * steady state, sized for the first sample.
 */
export function autoscale(series: RateSeries, capacityPerPod: number, settings: HpaSettings): ReplicaSchedule {
  const { times, rates } = series;
  const n = times.length;
  if (n === 0) return { times: [], replicas: [], syncs: 0 };
  const start = times[0];
  const end = times[n - 1];
  const initial = replicasFor(rates[0], capacityPerPod, settings);
  const hpa = new HorizontalPodAutoscaler(settings, capacityPerPod, initial, start);
  const schedule: ReplicaSchedule = { times: [start], replicas: [initial], syncs: 0 };
  let sample = 0;
  // Sync times from a counter rather than by adding, so they do not drift over a long series.
  for (let k = 0; ; k++) {
    const now = start + k * settings.syncPeriod;
    if (now >= end) break;
    while (sample + 1 < n && times[sample + 1] <= now) sample++;
    const before = hpa.replicas;
    const after = hpa.sync(now, rates[sample]);
    schedule.syncs++;
    if (after !== before) {
      schedule.times.push(now);
      schedule.replicas.push(after);
    }
  }
  return schedule;
}
