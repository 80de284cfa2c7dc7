import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/cli/loadScenarioFile.ts';
import { StrategyRun } from '../../src/replay/strategyRun.ts';
import { summarizeForBands } from '../../src/replay/summarize.ts';
import { runPoint } from '../../src/runs/bands.ts';
import { runSeeds } from '../../src/runs/seeds.ts';
import { buildWorkload } from '../../src/workload/build.ts';

const dir = join(import.meta.dirname, '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Same doubles, -0 and NaN told apart (toEqual would let a rounding slip through as "close"). */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('the light summary of a band-only run equals the full summary, field by field', () => {
  for (const file of files) {
    it(file, () => {
      const { scenario, traces } = loadScenarioFile(join(dir, file));
      // The scenario's own seed and two derived ones, as runs 1-3 of a study replay them.
      for (const seed of runSeeds(scenario.seed, 3)) {
        const seeded = { ...scenario, seed };
        const pods = buildWorkload(seeded, traces);
        seeded.strategies.forEach((strategy, i) => {
          const full = new StrategyRun(seeded, strategy, pods, i).result();
          const bare = summarizeForBands(new StrategyRun(seeded, strategy, pods, i).finishAtHorizon(), false);
          const withSeries = summarizeForBands(new StrategyRun(seeded, strategy, pods, i).finishAtHorizon(), true);
          const want = runPoint(full);
          const keys = Object.keys(want) as Array<keyof typeof want>;
          expect(Object.keys(bare.point).sort()).toEqual([...keys].sort());
          for (const k of keys) {
            expect(Object.is(bare.point[k], want[k]), `${file} seed ${seed} ${strategy.name} ${k}: ${bare.point[k]} vs ${want[k]}`).toBe(true);
            expect(Object.is(withSeries.point[k], want[k]), `${file} seed ${seed} ${strategy.name} ${k} (with series)`).toBe(true);
          }
          expect(bare.cumulativeCost).toBeUndefined();
          expect(same(withSeries.cumulativeCost!, full.series.cumulativeCost)).toBe(true);
          expect(same(withSeries.pendingCdf!, full.pendingCdf)).toBe(true);
        });
      }
    });
  }
});
