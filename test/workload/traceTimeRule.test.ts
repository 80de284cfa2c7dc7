import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/cli/loadScenarioFile.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import type { ScenarioInput } from '../../src/scenario/scenario.ts';
import { simulate } from '../../src/replay/simulate.ts';
import { buildWorkload } from '../../src/workload/build.ts';

// Three pods written with times that do not start at 0: the first arrives at 1 h.
const rows: [number, number, number, number][] = [
  [3600, 600, 500, 512],
  [3660, 1200, 1000, 1024],
  [7200, 300, 250, 256],
];

const strategies: ScenarioInput['strategies'] = [
  { kind: 'nodes', name: 'pool', nodePool: { instanceTypes: ['m6i.large'], minNodes: 0 } },
  { kind: 'serverless', name: 'fargate', serverless: { preset: 'aws-fargate' } },
];

function scenarioFile(dir: string, workload: unknown): string {
  const p = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(p, JSON.stringify({ schemaVersion: 1, name: 'time rule', horizon: 86400, workload: [workload], strategies }));
  return p;
}

describe("a trace's time 0 is its first arrival, in files and inline rows alike", () => {
  it('the same pods written inline and as a CSV file arrive at the same times and give the same results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spillway-time-rule-'));
    writeFileSync(join(dir, 'pods.csv'), ['arrival_s,duration_s,cpu_m,mem_mib', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const fromFile = loadScenarioFile(scenarioFile(dir, { type: 'trace', name: 'pods', path: 'pods.csv' }));
    const inline = loadScenarioFile(scenarioFile(dir, { type: 'trace', name: 'pods', rows }));

    const filePods = buildWorkload(fromFile.scenario, fromFile.traces);
    const inlinePods = buildWorkload(inline.scenario, inline.traces);
    // First arrival 3600 s becomes 0; the others keep their distance to it (60 s and 3600 s).
    expect([...filePods.arrival]).toEqual([0, 60, 3600]);
    expect([...inlinePods.arrival]).toEqual([0, 60, 3600]);

    const a = simulate(fromFile.scenario, filePods);
    const b = simulate(inline.scenario, inlinePods);
    expect(b.strategies.map((s) => [s.cost.total, s.pendingSeconds.max, s.pods.completed])).toEqual(a.strategies.map((s) => [s.cost.total, s.pendingSeconds.max, s.pods.completed]));
  });

  it("an offset places inline rows' first arrival on the scenario's clock", () => {
    const sc = parseScenario({ schemaVersion: 1, name: 'offset', workload: [{ type: 'trace', name: 'pods', rows, offset: '19h' }], strategies });
    expect([...buildWorkload(sc).arrival]).toEqual([19 * 3600, 19 * 3600 + 60, 20 * 3600]);
  });

  it('inline rows may be written in any order and with negative times, as a file may', () => {
    const sc = parseScenario({ schemaVersion: 1, name: 'order', workload: [{ type: 'trace', name: 'pods', rows: [[100, 60, 500, 512], [-20, 60, 500, 512]] }], strategies });
    expect([...buildWorkload(sc).arrival]).toEqual([0, 120]);
  });
});
