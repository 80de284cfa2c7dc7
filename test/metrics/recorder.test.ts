import { describe, expect, it } from 'vitest';
import { LEVEL, MAX_BUCKETS, Recorder } from '../../src/metrics/recorder.ts';
import { Random } from '../../src/sim/random.ts';

describe('Recorder', () => {
  // Horizon 100 s in 4 buckets of 25 s: [0,25) [25,50) [50,75) [75,100].
  it('integrates a level over each bucket, split at the bucket edges', () => {
    const r = new Recorder(100, 4);
    r.at(10);
    r.add(LEVEL.running, 2);
    r.at(60);
    r.add(LEVEL.running, -2);
    // 2 pods from 10 s to 60 s: 2 x 15, 2 x 25, 2 x 10, 0 pod-seconds.
    expect(Array.from(r.bucketSums(LEVEL.running))).toEqual([30, 50, 20, 0]);
    expect(r.total(LEVEL.running)).toBe(100);
    expect(Array.from(r.average(LEVEL.running))).toEqual([30 / 25, 2, 20 / 25, 0]);
    expect(Array.from(r.cumulative(LEVEL.running))).toEqual([30, 80, 100, 100]);
    expect(r.current(LEVEL.running)).toBe(0);
  });

  it('takes a change in the past after later ones (billing from an image pull start)', () => {
    const r = new Recorder(100, 4);
    r.at(80);
    r.add(LEVEL.paidCpu, 0.5);
    r.at(5);
    r.add(LEVEL.paidCpu, 1);
    // 1 vCPU from 5 s on: 20, 25, 25, 25; plus 0.5 vCPU from 80 s: 10 more in the last bucket.
    expect(Array.from(r.bucketSums(LEVEL.paidCpu))).toEqual([20, 25, 25, 35]);
    expect(r.total(LEVEL.paidCpu)).toBe(105);
  });

  it('does not integrate past the horizon, and puts late lumps in the last bucket', () => {
    const r = new Recorder(100, 4);
    r.at(90);
    r.add(LEVEL.costRate, 3);
    r.at(100);
    r.add(LEVEL.costRate, 7);
    r.at(150);
    r.add(LEVEL.costRate, 1);
    r.lump(30, LEVEL.costRate, 4);
    r.lump(250, LEVEL.costRate, 6);
    // 3 per second over the last 10 s, nothing from the changes at or after 100 s.
    expect(Array.from(r.bucketSums(LEVEL.costRate))).toEqual([0, 4, 0, 30 + 6]);
    expect(r.total(LEVEL.costRate)).toBe(40);
    expect(r.current(LEVEL.costRate)).toBe(11);
  });

  describe('mixes (levels that change together)', () => {
    // A mix of 1 running pod and 2 per second of spend: 3 units from 10 s to 60 s, then a lump of
    // 5 unit-seconds at 60 s. Running: 3 x 15, 3 x 25, 3 x 10 (+5 lump), 0; spend twice that.
    const record = (r: Recorder, id: number) => {
      r.at(10);
      r.addMix(id, 3);
      expect(r.current(LEVEL.running)).toBe(3);
      expect(r.current(LEVEL.costRate)).toBe(6);
      r.at(60);
      r.addMix(id, -3);
      r.lumpMix(id, 5);
      r.at(120);
      r.addMix(id, 1);
      r.lumpMix(id, 1);
    };
    const expectSums = (r: Recorder) => {
      // The change at 120 s is past the horizon: not integrated, but its lump lands in the last bucket.
      expect(Array.from(r.bucketSums(LEVEL.running))).toEqual([45, 75, 35, 1]);
      expect(Array.from(r.bucketSums(LEVEL.costRate))).toEqual([90, 150, 70, 2]);
      expect(Array.from(r.bucketSums(LEVEL.nodes))).toEqual([0, 0, 0, 0]);
      expect(r.current(LEVEL.running)).toBe(1);
    };

    it('integrates a mix onto its levels, with its lumps', () => {
      const r = new Recorder(100, 4);
      const id = r.mix({ [LEVEL.running]: 1, [LEVEL.costRate]: 2 });
      record(r, id);
      expectSums(r);
    });

    it('gives the same sums beyond the mixes it integrates on their own (level by level)', () => {
      const r = new Recorder(100, 4);
      let id = -1;
      for (let i = 0; i < 300; i++) id = r.mix({ [LEVEL.running]: 1, [LEVEL.costRate]: 2 });
      record(r, id);
      expectSums(r);
    });

    it('adds to changes made level by level', () => {
      const r = new Recorder(100, 4);
      const id = r.mix({ [LEVEL.running]: 1 });
      r.at(0);
      r.add(LEVEL.running, 1);
      r.at(50);
      r.addMix(id, 1);
      expect(Array.from(r.bucketSums(LEVEL.running))).toEqual([25, 25, 50, 50]);
      expect(r.current(LEVEL.running)).toBe(2);
    });
  });

  it('tracks the peak of levels changed in time order', () => {
    const r = new Recorder(100, 4);
    r.change(0, LEVEL.nodes, 3);
    r.change(10, LEVEL.nodes, 2);
    r.change(20, LEVEL.nodes, -4);
    r.change(30, LEVEL.nodes, 1);
    expect(r.peaks[LEVEL.nodes]).toBe(5);
    // 3 x 10 + 5 x 10 + 1 x 5 in the first bucket, then 1 x 5 + 2 x 20, then 2 x 25 twice.
    expect(Array.from(r.bucketSums(LEVEL.nodes))).toEqual([85, 45, 50, 50]);
  });

  for (const seed of [1, 2, 3]) {
    it(`matches a step-by-step integration of random changes in any order (seed ${seed})`, () => {
      const rng = new Random(seed);
      const horizon = 7 * 86400;
      const r = new Recorder(horizon, 480);
      const changes: Array<{ t: number; d: number }> = [];
      for (let i = 0; i < 2000; i++) {
        const t = rng.uniform(0, horizon * 1.05);
        const d = rng.int(7) - 3 + rng.next();
        changes.push({ t, d });
        r.at(t);
        r.add(LEVEL.requestedMem, d);
      }
      // Independent integration: sort by time, hold the level constant between changes.
      const w = horizon / 480;
      const expected = new Float64Array(480);
      const sorted = [...changes].sort((a, b) => a.t - b.t);
      let level = 0;
      let t = 0;
      const integrate = (to: number) => {
        while (t < to) {
          const b = Math.min(479, Math.floor(t / w));
          const end = Math.min(to, b === 479 ? horizon : (b + 1) * w);
          expected[b] += level * (end - t);
          t = end;
        }
      };
      for (const c of sorted) {
        integrate(Math.min(c.t, horizon));
        level += c.d;
      }
      integrate(horizon);
      const got = r.bucketSums(LEVEL.requestedMem);
      for (let b = 0; b < 480; b++) expect(got[b]).toBeCloseTo(expected[b], 6);
    });
  }

  describe('a one-year horizon (366 days)', () => {
    const year = 366 * 86400;

    it('keeps at most MAX_BUCKETS buckets, however many it is asked for, by widening them', () => {
      // Per-minute buckets would be 527,040 of them, about 3.4 GB with the mix sums.
      const r = new Recorder(year, 366 * 1440);
      expect(r.buckets).toBe(MAX_BUCKETS);
      expect(r.bucketSeconds).toBe(year / MAX_BUCKETS);
      expect(r.bucketStarts()[MAX_BUCKETS - 1]).toBe(year - year / MAX_BUCKETS);
    });

    it('a run\'s 480 series points over a year are 18.3 h each', () => {
      const r = new Recorder(year, 480);
      expect(r.buckets).toBe(480);
      expect(r.bucketSeconds).toBe(65_880);
    });

    it('integrates exactly whatever the bucket width: 3 nodes for the last 34 days and one busy hour', () => {
      const r = new Recorder(year, 366 * 1440);
      const from = year - 34 * 86400;
      r.change(from, LEVEL.nodes, 3);
      r.change(200 * 86400 + 1234.5, LEVEL.running, 10);
      r.change(200 * 86400 + 1234.5 + 3600, LEVEL.running, -10);
      // 3 nodes x 34 days; 10 pods x 1 hour, split over bucket edges or not.
      expect(r.total(LEVEL.nodes)).toBeCloseTo(3 * 34 * 86400, 3);
      expect(r.total(LEVEL.running)).toBeCloseTo(10 * 3600, 6);
      expect(r.peaks[LEVEL.running]).toBe(10);
    });
  });
});
