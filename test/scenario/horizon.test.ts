import { describe, expect, it } from 'vitest';
import { safeParseScenario } from '../../src/scenario/parse.ts';

const minimal = {
  schemaVersion: 1,
  name: 'min',
  workload: [{ type: 'trace', name: 't', rows: [[0, 60, 500, 512]] }],
  strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'] } }],
};

describe('horizon bounds', () => {
  it('allows a year (366 days) so a long real trace replays whole (openb spans 149 days)', () => {
    const r = safeParseScenario({ ...minimal, horizon: '366d' });
    expect(r.ok && r.scenario.horizon).toBe(366 * 86400);
    expect(safeParseScenario({ ...minimal, horizon: '150d' }).ok).toBe(true);
  });

  it('refuses more than 366 days, naming the field and the limit', () => {
    const r = safeParseScenario({ ...minimal, horizon: 366 * 86400 + 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path: 'horizon', message: 'must be at most 366 days' });
  });
});

describe('trace window', () => {
  it('reads from and to as durations after the trace\'s time 0', () => {
    const r = safeParseScenario({ ...minimal, workload: [{ ...minimal.workload[0], window: { from: '115d', to: 149.5 * 86400 } }] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const w = r.scenario.workload[0];
    expect(w.type === 'trace' && w.window).toEqual({ from: 115 * 86400, to: 149.5 * 86400 });
  });

  it('refuses a window that ends before it starts', () => {
    const r = safeParseScenario({ ...minimal, workload: [{ ...minimal.workload[0], window: { from: '2d', to: '1d' } }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path: 'workload.0.window.to', message: 'must be after window.from (172800 s)' });
  });
});
