import { describe, expect, it } from 'vitest';
import { importTraceText } from '../../src/trace/importer.ts';
import { summarizeTrace } from '../../src/trace/summary.ts';
import { fixtureText } from './fixtures.ts';

describe('summarizeTrace', () => {
  it('summarises the openb-like fixture (worked out by hand)', () => {
    // Pods after import (arrival, duration): a (0, 1000), f (0, 600), b (100, 60), c (200, 0),
    // g (550, 450). Pod-seconds 2110. Three at once during [100, 160) and [550, 600).
    const result = importTraceText(fixtureText('openb-like.csv'), undefined, { fileName: 'openb-like.csv' });
    const s = summarizeTrace(result, 10);
    expect(s).toMatchObject({ accepted: 5, rejected: 2, filteredOut: 0, censored: { start: 1, end: 1 }, pods: 5, span: { start: 0, end: 1000 }, peakConcurrency: 3, peakAt: 100 });
    expect(s.podHours).toBeCloseTo(2110 / 3600, 12);
    // Ten 100 s buckets, each the most pods running at once within it. At 200 pod c arrives and
    // leaves (zero duration) while nothing else changes; at 600 pod f leaves.
    expect(s.concurrency.map((p) => p.time)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(s.concurrency.map((p) => p.pods)).toEqual([2, 3, 2, 2, 2, 3, 2, 2, 2, 2]);
  });

  it('keeps at most 200 points by default and handles an empty table', () => {
    const text = 'arrival_s,duration_s,cpu_m,mem_mib\n' + Array.from({ length: 1000 }, (_, k) => `${k},10,100,100`).join('\n');
    const s = summarizeTrace(importTraceText(text));
    expect(s.concurrency.length).toBe(200);
    expect(s.peakConcurrency).toBe(10);
    expect(s.span).toEqual({ start: 0, end: 1009 });
    expect(s.podHours).toBeCloseTo(10000 / 3600, 12);

    const filtered = importTraceText('arrival_s,duration_s,cpu_m,mem_mib,class\n0,1,1,1,a\n', {
      kind: 'pods',
      start: { column: 'arrival_s', format: 'seconds' },
      duration: { column: 'duration_s', unit: 'seconds' },
      cpu: { column: 'cpu_m', unit: 'millicores' },
      memory: { column: 'mem_mib', unit: 'MiB' },
      filter: { column: 'class', equals: 'b' },
    });
    expect(summarizeTrace(filtered)).toMatchObject({ pods: 0, filteredOut: 1, peakConcurrency: 0, concurrency: [] });
  });
});
