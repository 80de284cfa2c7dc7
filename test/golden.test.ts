import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../src/cli/loadScenarioFile.ts';
import { strategySummary } from '../src/cli/report.ts';
import { simulate } from '../src/replay/simulate.ts';
import { buildWorkload } from '../src/workload/build.ts';

const dir = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Rounds every number to 4 significant digits so a golden file shows real changes, not float noise. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(4));
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

describe('built-in scenarios (golden summaries; update deliberately with `npx vitest -u` and review the diff)', () => {
  it('has the built-in scenarios', () => {
    expect(files.sort()).toEqual([
      'aks-aci-virtual-node-quota.json',
      'alibaba-openb-replay.json',
      'ci-runners-warm-headroom.json',
      'eks-evening-burst-setups.json',
      'eks-karpenter-evening-burst.json',
      'eks-pre-scale-before-the-bell.json',
      'flash-sale-spike.json',
      'nightly-batch.json',
      'on-prem-burst-to-eci.json',
      'online-class-evening-burst.json',
      'steady-web-service.json',
    ]);
  });
  for (const file of files) {
    it(file, async () => {
      const { scenario, traces } = loadScenarioFile(join(dir, file));
      expect(scenario.description.length).toBeGreaterThan(100);
      const result = simulate(scenario, buildWorkload(scenario, traces));
      const summary = { scenario: result.scenario, strategies: result.strategies.map(strategySummary) };
      await expect(JSON.stringify(rounded(summary), null, 2) + '\n').toMatchFileSnapshot(join('golden', file));
    });
  }
});
