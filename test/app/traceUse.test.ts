import { describe, expect, it } from 'vitest';
import { planTraceUse, quietStartEnd, type TraceUseChoice } from '../../src/app/import/TraceUseOptions.tsx';
import { importedOffset, sourceNameProblem, withTraceSource } from '../../src/app/import/traceSource.ts';
import type { TraceSummary } from '../../src/trace/index.ts';
import { PodTableBuilder } from '../../src/workload/podTable.ts';

const fingerprint = { rows: 3, sha256: 'cd'.repeat(32) };
const mapping = { kind: 'pods' as const, start: { column: 'a', format: 'seconds' as const }, duration: { column: 'd', unit: 'seconds' as const }, defaultPod: { cpuMillicores: 1, memoryMiB: 1 } };
const doc = { name: 's', horizon: '1d', workload: [{ type: 'burst', name: 'classes' }, { type: 'trace', name: 'pods', path: 'p.csv', offset: '19h' }] };

describe('an imported trace replaces the workload or joins it, as the user chose', () => {
  it('replace: the trace is the whole workload (a same-named trace source gives it its offset)', () => {
    expect(withTraceSource(doc, { name: 'mine', mapping, fingerprint }, 'replace').workload).toEqual([{ type: 'trace', name: 'mine', mapping, fingerprint }]);
    expect(withTraceSource(doc, { name: 'pods', mapping, fingerprint }, 'replace').workload).toEqual([{ type: 'trace', name: 'pods', offset: '19h', mapping, fingerprint }]);
    // No clash with a generator it removes anyway.
    expect(sourceNameProblem(doc, 'classes', 'replace')).toBeNull();
    expect(sourceNameProblem(doc, 'classes', 'add')).toMatch(/generator is already named/);
  });

  it('add keeps the other sources; the window travels with the source', () => {
    const next = withTraceSource(doc, { name: 'mine', mapping, fingerprint, window: { from: 86400 } }, 'add');
    expect(next.workload).toEqual([...doc.workload, { type: 'trace', name: 'mine', window: { from: 86400 }, mapping, fingerprint }]);
    expect(importedOffset(doc, 'pods')).toBe(19 * 3600);
    expect(importedOffset(doc, 'mine')).toBe(0);
  });
});

describe('planTraceUse', () => {
  // Pods on the trace's clock: at 0 for 100 h, at 1 h for 10 min, at 2 d for 1 h, at 10 d for 1 min.
  const b = new PodTableBuilder();
  for (const [a, d] of [[0, 360000], [3600, 600], [172800, 3600], [864000, 60]]) b.add(a, d, 500, 512, b.classId('default'));
  const table = b.finish();
  const summary10d = { span: { start: 0, end: 864060 } };
  const choice: TraceUseChoice = { use: 'replace', windowFrom: '', windowTo: '', fitHorizon: false };
  const fresh = { workload: [{ type: 'burst', name: 'classes' }] };

  it('without a horizon in the draft uses the schema default (1 d): two pods would be cut; fitting takes 10 d 1 h', () => {
    const p = planTraceUse(fresh, 'mine', table, summary10d, choice);
    expect([p.horizon, p.placed.replayed, p.placed.afterHorizon]).toEqual([86400, 2, 2]);
    // Last end 10 d + 60 s, rounded up to a whole hour.
    expect(p.fittedHorizon).toBe(241 * 3600);
    const fit = planTraceUse(fresh, 'mine', table, summary10d, { ...choice, fitHorizon: true });
    expect([fit.horizonUsed, fit.placed.replayed, fit.placed.afterHorizon]).toEqual([241 * 3600, 4, 0]);
  });

  it('a window from 1 d: the 100 h pod is running there (76 h left), the 1 h pod is outside; fitting covers 9 d 1 h', () => {
    const p = planTraceUse(fresh, 'mine', table, summary10d, { ...choice, windowFrom: '1d' });
    expect(p.window).toEqual({ from: 86400 });
    // On the window's clock the 2 d pod arrives at 1 d, exactly the horizon: after it, like the 10 d pod.
    expect([p.placed.runningAtWindowStart, p.placed.outsideWindow, p.placed.replayed, p.placed.afterHorizon]).toEqual([1, 1, 1, 2]);
    // Last end: the pod at 10 d, 1 d earlier on the window's clock: 9 d + 60 s -> 217 h.
    expect(p.fittedHorizon).toBe(217 * 3600);
  });

  it('says what is wrong with a window instead of guessing', () => {
    expect(planTraceUse(fresh, 'mine', table, summary10d, { ...choice, windowFrom: 'soon' }).windowProblem).toBe('"soon" is not a duration (e.g. 115d, 36h or seconds)');
    expect(planTraceUse(fresh, 'mine', table, summary10d, { ...choice, windowFrom: '2d', windowTo: '1d' }).windowProblem).toBe('the window must end after it starts');
  });
});

describe('quietStartEnd', () => {
  const summary = (pods: number[], spanDays: number): TraceSummary => ({
    accepted: 0,
    rejected: 0,
    filteredOut: 0,
    censored: { start: 0, end: 0 },
    requests: null,
    pods: 0,
    span: { start: 0, end: spanDays * 86400 },
    podHours: 0,
    peakConcurrency: Math.max(...pods),
    peakAt: 0,
    concurrency: pods.map((p, i) => ({ time: (i * spanDays * 86400) / pods.length, pods: p })),
  });

  it('starts where a tenth of the peak is first reached, on a whole day', () => {
    // 10 points over 100 days (10 d each): quiet (5 of 200) until the point at 70 d.
    expect(quietStartEnd(summary([5, 5, 5, 5, 5, 5, 5, 20, 200, 100], 100))).toBe(70 * 86400);
  });

  it('is null for a trace busy from its start', () => {
    expect(quietStartEnd(summary([50, 200, 100], 3))).toBeNull();
  });
});
