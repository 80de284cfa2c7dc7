import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import type { ScenarioInput } from '../../src/scenario/scenario.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { estimatePodCount, secondsInWindow } from '../../src/workload/podCountEstimate.ts';
import { DEFAULT_MAX_POD_REPLAYS, estimateWork, workRefusal } from '../../src/workload/workEstimate.ts';

const pod = { cpuMillicores: 100, memoryMiB: 100 };
const scenario = (workload: ScenarioInput['workload'], horizon: string | number = '1d', strategies = 1) =>
  parseScenario({
    schemaVersion: 1,
    name: 'x',
    horizon,
    workload,
    strategies: Array.from({ length: strategies }, (_, i) => ({ kind: 'serverless', name: `s${i}`, serverless: {} })),
  });

describe('pod count estimate, without generating pods (issue 18 item 6, issue 13 item 7)', () => {
  it('diurnal: the replicas at 0 plus every rise; 0 -> 100 -> 0 replicas once a day is 100 pods a day', () => {
    // Cosine from 0 replicas at 00:00 to 100 at the 12:00 peak and back: 100 new pods per day.
    const day = scenario([{ type: 'diurnal', name: 'd', minReplicas: 0, maxReplicas: 100, peakAt: '12:00', pod }]);
    expect(estimatePodCount(day)).toBe(100);
    const twoDays = scenario([{ type: 'diurnal', name: 'd', minReplicas: 0, maxReplicas: 100, peakAt: '12:00', pod }], '2d');
    expect(estimatePodCount(twoDays)).toBe(200);
    // A flat Deployment is its replicas, whatever the horizon.
    expect(estimatePodCount(scenario([{ type: 'diurnal', name: 'd', minReplicas: 7, maxReplicas: 7, pod }], '30d'))).toBe(7);
    // And the generator agrees on a less round case.
    const odd = scenario([{ type: 'diurnal', name: 'd', minReplicas: 20, maxReplicas: 120, peakAt: '15:10', step: '7m', pod }], '3d');
    expect(estimatePodCount(odd)).toBe(buildWorkload(odd).count);
  });

  it('diurnal over a million steps: a bound of max - min per rise of the cosine', () => {
    // step 1 s over 20 days = 1.7 M steps; replicas at 0 (peak at 00:00) are 1,000; 21 rises of 1,000.
    const long = scenario([{ type: 'diurnal', name: 'd', minReplicas: 0, maxReplicas: 1000, peakAt: 0, step: 1, pod }], '20d');
    expect(estimatePodCount(long)).toBe(1000 + 1000 * 21);
    expect(estimatePodCount(long)).toBeGreaterThanOrEqual(buildWorkload(long).count);
  });

  it('burst: podsPerSession for every session starting before the horizon', () => {
    const s = scenario([{ type: 'burst', name: 'b', sessionStarts: ['19:00', '20:00'], podsPerSession: 1000, pod }], '2d');
    expect(estimatePodCount(s)).toBe(4000);
    expect(buildWorkload(s).count).toBe(4000);
    // A horizon ending during the first session's herd: at most that session's pods.
    const cut = scenario([{ type: 'burst', name: 'b', sessionStarts: ['19:00', '20:00'], podsPerSession: 1000, pod }], 19 * 3600 + 100);
    expect(estimatePodCount(cut)).toBe(1000);
    expect(buildWorkload(cut).count).toBeLessThanOrEqual(1000);
  });

  it('batch: jobsPerHour over the hours inside the window', () => {
    // 01:00-05:00 for two days: 8 h x 3,600 jobs/h = 28,800 expected jobs.
    const s = scenario([{ type: 'batch', name: 'j', jobsPerHour: 3600, window: { from: '01:00', to: '05:00' }, runtime: { kind: 'constant', seconds: 60 }, pod }], '2d');
    expect(estimatePodCount(s)).toBe(28_800);
    // A Poisson count: within 4 standard deviations (sqrt(28,800) = 170).
    expect(Math.abs(buildWorkload(s).count - 28_800)).toBeLessThan(4 * 170);
    // A window wrapping midnight, 22:00-02:00 (4 h a day), over 36 h: 4 h on day one, then 00:00-02:00 on day two.
    expect(secondsInWindow(36 * 3600, { from: 22 * 3600, to: 2 * 3600 })).toBe(6 * 3600);
    expect(secondsInWindow(1000, undefined)).toBe(1000);
  });

  it('traces: their rows, inline, imported (fingerprint) or loaded from a file', () => {
    const s = scenario([
      { type: 'trace', name: 'inline', rows: [[0, 10, 100, 100], [5, 10, 100, 100]] },
      { type: 'trace', name: 'imported', fingerprint: { rows: 1234, sha256: 'ab' } },
      { type: 'trace', name: 'file', path: 'x.csv' },
    ]);
    expect(estimatePodCount(s, new Map([['file', 500]]))).toBe(2 + 1234 + 500);
  });

  it('estimates the inputs that ran for minutes or forever in a few milliseconds, and refuses them', () => {
    // Burst 1M pods x 48 sessions a day x 31 days, and batch 1M jobs/h x 31 days.
    const starts = Array.from({ length: 48 }, (_, i) => i * 1800);
    const burst = scenario([{ type: 'burst', name: 'b', sessionStarts: starts, podsPerSession: 1_000_000, pod }], '31d', 3);
    const batch = scenario([{ type: 'batch', name: 'j', jobsPerHour: 1_000_000, runtime: { kind: 'constant', seconds: 60 }, pod }], '31d');
    const t0 = performance.now();
    const b = estimateWork([burst]);
    const j = estimateWork([batch]);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(b).toEqual({ pods: 48 * 31 * 1_000_000, strategies: 3, runs: 1, podReplays: 3 * 48 * 31 * 1_000_000 });
    expect(j.podReplays).toBe(31 * 24 * 1_000_000);
    expect(workRefusal(j, DEFAULT_MAX_POD_REPLAYS, { override: 'pass --max-pods 744000000 to run it anyway' })).toBe(
      'about 744,000,000 pods x 1 strategy = 744,000,000 pod replays, more than the limit of 20,000,000, about a minute of replay on the machine bench/README.md measured (this would take about 37 min); lower the workload, shorten the horizon or use fewer strategies, or pass --max-pods 744000000 to run it anyway',
    );
    // The headline-sized workload passes.
    const ok = scenario([{ type: 'burst', name: 'b', sessionStarts: ['19:00', '20:00'], podsPerSession: 12_000, pod }], '1d', 3);
    expect(workRefusal(estimateWork([ok]), DEFAULT_MAX_POD_REPLAYS)).toBeUndefined();
    // A sweep adds its runs up.
    expect(estimateWork([ok, ok, ok]).podReplays).toBe(3 * 3 * 24_000);
  });
});
