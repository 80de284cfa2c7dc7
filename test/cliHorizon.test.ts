import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/args.ts';
import { loadScenarioFile } from '../src/cli/loadScenarioFile.ts';
import { buildWorkload } from '../src/workload/build.ts';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** `npm run sim -- ...args` with its stderr, also on success. */
function sim(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'spillway-horizon-'));
// Four pods: at 0 (2 h), 1 h, 26 h and 49 h 30 min (30 min): the last ends at 50 h.
const trace = join(dir, 'pods.csv');
writeFileSync(trace, 'arrival_s,duration_s,cpu_m,mem_mib\n0,7200,500,512\n3600,600,500,512\n93600,600,500,512\n178200,1800,500,512\n');
const scenario = 'scenarios/steady-web-service.json';

describe('npm run sim --trace: the horizon never cuts in silence', () => {
  it('says on stderr how many pods arrive before and after the horizon, and the trace span', () => {
    const r = sim(scenario, '--trace', trace, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: trace ${trace}: spans 2 d 2 h on the scenario's clock (first arrival at 0 s, last end at 2 d 2 h); 2 arrive before the 1 d horizon, 2 after it and are not replayed; --horizon trace replays all (2 d 2 h)`);
    expect(r.stderr).toContain(`trace ${trace}: 4 pods; time 0 is its first arrival, 0 s in the file`);
    expect(JSON.parse(r.stdout).strategies[0].pods.total).toBe(2);
  });

  it('--horizon trace replays every pod: the horizon is the last end rounded up to an hour (50 h)', () => {
    const r = sim(scenario, '--trace', trace, '--horizon', 'trace', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.horizonSeconds).toBe(50 * 3600);
    for (const s of out.strategies) expect(s.pods.total).toBe(4);
    expect(r.stderr).not.toContain('warning');
    expect(r.stderr).toContain('4 arrive before the 2 d 2 h horizon, 0 after it');
  });

  it('--horizon takes a duration, within the one-year limit, and "trace" needs a trace', () => {
    expect(parseArgs([scenario, '--horizon', '27h']).horizon).toBe(27 * 3600);
    expect(parseArgs([scenario, '--horizon', '3600']).horizon).toBe(3600);
    expect(() => parseArgs([scenario, '--horizon', '400d'])).toThrow('--horizon: 400d is longer than the longest horizon, 366 days');
    expect(() => parseArgs([scenario, '--horizon', 'soon'])).toThrow('--horizon: "soon" is not "trace" or a duration above 0 such as 3600, "36h" or "30d"');
    expect(() => loadScenarioFile(scenario, { horizon: 'trace' })).toThrow(`${scenario}: --horizon trace: the scenario has no trace to fit; give --trace FILE or a duration`);
    const { scenario: sc } = loadScenarioFile(scenario, { trace, horizon: 27 * 3600 });
    expect(buildWorkload(sc, loadScenarioFile(scenario, { trace }).traces).count).toBe(3);
  });

  it('--trace-window replays a part of the trace from its start, with pods running at the start', () => {
    // Window [1 h, 27 h): pod 0 is running (1 h left), pod 1 arrives at 0, pod 2 at 25 h; pod 3 is outside.
    const r = sim(scenario, '--trace', trace, '--trace-window', '1h:27h', '--horizon', 'trace', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // The last pod kept (pod 2) ends at 25 h + 10 min: 26 h.
    expect(out.horizonSeconds).toBe(26 * 3600);
    expect(out.strategies[0].pods.total).toBe(3);
    expect(r.stderr).toContain('window 1 h to 1 d 3 h after time 0: 3 pods in it (1 already running at its start, replayed from it for the time they had left); 1 pod outside it, not replayed');
    expect(() => parseArgs([scenario, '--trace-window', '1h:2h'])).toThrow('--trace-window needs --trace (a trace source in a scenario file takes a "window" field)');
    expect(() => parseArgs([scenario, '--trace', trace, '--trace-window', '2h:1h'])).toThrow('--trace-window: "2h:1h" ends before it starts');
    expect(() => parseArgs([scenario, '--trace', trace, '--trace-window', '2h'])).toThrow('--trace-window: "2h" is not FROM:TO');
    expect(parseArgs([scenario, '--trace', trace, '--trace-window', '2h:']).traceWindow).toEqual({ from: 7200 });
  });

  it('the openb pod list on the headline: 1 pod of 8,152 arrives in its 24 h horizon, and the warning says so', () => {
    const openb = join(root, '..', 'shared', 'traces', 'alibaba-openb-2023', 'openb_pod_list_default.csv');
    // Counted here from the file itself: creation_time is column 9, in seconds; the trace starts at its first.
    const created = readFileSync(openb, 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[8]));
    const start = created.reduce((a, b) => Math.min(a, b));
    expect([created.length, created.filter((t) => t - start < 86400).length]).toEqual([8152, 1]);
    const warnings: string[] = [];
    loadScenarioFile('scenarios/online-class-evening-burst.json', { trace: openb, warn: (m) => warnings.push(m) });
    // The importer's own row warnings come first (zero duration, zero memory); then the horizon's.
    const horizon = warnings.filter((w) => w.startsWith('trace '));
    expect(warnings.filter((w) => !w.startsWith('trace ')).map((w) => w.replace(/^.*\.csv: /, ''))).toEqual(['1 row: zero duration (first at line 7287)', '1 row: zero memory (first at line 1525)']);
    expect(horizon).toHaveLength(1);
    expect(horizon[0]).toMatch(/^trace .*openb_pod_list_default\.csv: spans 149 d 8 h .*; 1 arrives before the 1 d horizon, 8,151 after it and are not replayed; --horizon trace replays all \(149 d 9 h\)$/);
  });
});
