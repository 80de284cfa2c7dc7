import { describe, expect, it } from 'vitest';
import { autoscale, HorizontalPodAutoscaler, replicasFor } from '../../src/trace/hpa.ts';
import { HpaSettings, type HpaSettings as Settings } from '../../src/trace/mapping.ts';

const defaults = HpaSettings.parse({});

/** Runs syncs every 15 s from t = 0 with the given rates; returns the replicas after each. */
function run(settings: Settings, capacity: number, initial: number, rates: number[]): number[] {
  const hpa = new HorizontalPodAutoscaler(settings, capacity, initial, 0);
  return rates.map((rate, k) => hpa.sync(k * 15, rate));
}

describe('HPA settings', () => {
  it('defaults to the Kubernetes controller defaults', () => {
    expect(defaults).toEqual({
      minReplicas: 1,
      syncPeriod: 15,
      tolerance: 0.1,
      scaleDownStabilization: 300,
      scaleUpPods: 4,
      scaleUpPercent: 100,
      scaleDownPercent: 100,
      policyPeriod: 15,
    });
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('scales up by at most max(+4 pods, +100%) per 15 s', () => {
    // Capacity 10, rate 200: 20 pods wanted from 1.
    // t=0:  limit max(1+4, 1*2)  = 5
    // t=15: limit max(5+4, 5*2)  = 10
    // t=30: limit max(10+4, 20)  = 20
    // t=45: ratio (200/20)/10 = 1 -> stays 20
    expect(run(defaults, 10, 1, [200, 200, 200, 200])).toEqual([5, 10, 20, 20]);
  });

  it('ignores changes within the 10 % tolerance', () => {
    // 10 pods of capacity 10: 109 is ratio 1.09, 91 is 0.91: both within 0.1.
    expect(run(defaults, 10, 10, [109, 91, 100])).toEqual([10, 10, 10]);
    // 111 is ratio 1.11: ceil(10 * 1.11) = ceil(11.1) = 12.
    expect(run(defaults, 10, 10, [111])).toEqual([12]);
  });

  it('scales down only when every recommendation of the last 300 s allows it', () => {
    // 10 pods; rate 100 (ratio 1) at t=0..45, then 20: recommendation ceil(10 * 0.2) = 2.
    // The last recommendation of 10 is at t=45; the window (t-300, t] drops it at t=345.
    const rates = Array.from({ length: 25 }, (_, k) => (k * 15 < 60 ? 100 : 20));
    const replicas = run(defaults, 10, 10, rates);
    const at = (t: number) => replicas[t / 15];
    expect(at(330)).toBe(10);
    expect(at(345)).toBe(2);
    expect(at(360)).toBe(2);
    expect(replicas.slice(0, 23)).toEqual(Array(23).fill(10));
  });

  it('scales down to the highest recommendation still in the window', () => {
    // 10 pods. t=0 rate 100 -> 10; t=15 rate 50 -> 5; t>=30 rate 30 -> 3 (while at 10 pods).
    // t=300: window (0, 300] holds 5 (t=15) and 3s -> 5.
    // t=315: 5 pods, rate 30: ratio 0.6 -> ceil(3) = 3; window (15, 315] holds only 3s -> 3.
    const rates = Array.from({ length: 23 }, (_, k) => (k === 0 ? 100 : k === 1 ? 50 : 30));
    const replicas = run(defaults, 10, 10, rates);
    expect(replicas.slice(0, 20)).toEqual(Array(20).fill(10)); // t = 0..285
    expect(replicas[20]).toBe(5); // t = 300
    expect(replicas[21]).toBe(3); // t = 315
    expect(replicas[22]).toBe(3);
  });

  it('counts the initial replicas as a recommendation (the controller seeds its window with them)', () => {
    // 10 pods, demand for 2 from the first sync: held at 10 for 300 s.
    const replicas = run(defaults, 10, 10, Array(22).fill(20));
    expect(replicas[19]).toBe(10); // t = 285
    expect(replicas[20]).toBe(2); // t = 300: window (0, 300] no longer holds the seed at t=0
  });

  it('respects maxReplicas and minReplicas', () => {
    const capped = HpaSettings.parse({ maxReplicas: 6 });
    // t=0: 1 -> 5 (limit); t=15: limit 10, max 6 -> 6.
    expect(run(capped, 10, 1, [1000, 1000, 1000])).toEqual([5, 6, 6]);

    const floor = HpaSettings.parse({ minReplicas: 2 });
    // Rate 0 recommends 0 pods: after the window the count drops to minReplicas, not below.
    const replicas = run(floor, 10, 4, Array(25).fill(0));
    expect(replicas[19]).toBe(4); // t = 285
    expect(replicas[20]).toBe(2); // t = 300
    expect(replicas[24]).toBe(2);
  });

  it('limits scale-down by scaleDownPercent per period when set lower', () => {
    // 50 % per 15 s from 16 pods with demand for 1: 16 -> 8 -> 4 -> 2 -> 1 (no stabilization).
    const gentle = HpaSettings.parse({ scaleDownPercent: 50, scaleDownStabilization: 0 });
    expect(run(gentle, 10, 16, [10, 10, 10, 10, 10])).toEqual([8, 4, 2, 1, 1]);
  });

  it('does not add a pod for floating-point noise', () => {
    // 0.9 / 0.3 is 3.0000000000000004 in floating point; 3 pods serve it.
    expect(replicasFor(0.9, 0.3, defaults)).toBe(3);
    expect(run(defaults, 0.3, 1, [0.9])).toEqual([3]);
  });
});

describe('autoscale', () => {
  it('syncs every 15 s until the series end, holding the rate between samples', () => {
    // Capacity 1; rate 2 from t=0, 6 from t=40; series ends at t=100.
    // Starts at ceil(2/1) = 2. Syncs at 0, 15, ..., 90 (7 syncs); the first to see 6 is t=45:
    // ratio (6/2)/1 = 3 -> 6, within the limit max(2+4, 4) = 6.
    const schedule = autoscale({ times: Float64Array.of(0, 40, 100), rates: Float64Array.of(2, 6, 6) }, 1, defaults);
    expect(schedule).toEqual({ times: [0, 45], replicas: [2, 6], syncs: 7 });
  });

  it('starts within min/max and handles a single sample', () => {
    const schedule = autoscale({ times: Float64Array.of(50), rates: Float64Array.of(0) }, 1, HpaSettings.parse({ minReplicas: 3 }));
    expect(schedule).toEqual({ times: [50], replicas: [3], syncs: 0 });
    expect(autoscale({ times: new Float64Array(0), rates: new Float64Array(0) }, 1, defaults)).toEqual({ times: [], replicas: [], syncs: 0 });
  });
});
