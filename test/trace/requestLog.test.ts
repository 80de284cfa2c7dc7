import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../src/trace/detect.ts';
import { importTraceText } from '../../src/trace/importer.ts';
import { importLines } from '../../src/trace/importLines.ts';
import type { TraceMappingInput } from '../../src/trace/mapping.ts';
import { fixtureText } from './fixtures.ts';

/**
 * request-log.csv, counted by hand (times are UTC; 2023-11-16 18:17:00 = 1700158620, i.e.
 * 19,677 days * 86400 + 18 h 17 min):
 *   18:17  03.98, 29.1, 59.998          -> 3 requests, ContextTokens 374 + 396 + 879 = 1649
 *   18:18  00.0, 12.5000001, 40.25, 41.75 -> 4 requests, 91 + 381 + 1200 + 64 = 1736
 *   18:19  none                          -> 0
 *   18:20  05.0                          -> 1 request, 512
 */
const T0 = 1700158620;
const mapping = (extra: Partial<Extract<TraceMappingInput, { kind: 'requests' }>> = {}) => ({
  kind: 'requests' as const,
  time: { column: 'TIMESTAMP', format: 'datetime' as const },
  capacityPerPod: 1 / 60, // one request per minute per pod
  pod: { cpuMillicores: 2000, memoryMiB: 4096 },
  ...extra,
});

describe('request logs', () => {
  it('are detected from a timestamp column with no end, duration, size or rate column', () => {
    const text = fixtureText('request-log.csv');
    const [header, ...rows] = text.trim().split('\n').map((l) => l.split(','));
    const d = detectLayout(header, rows, 'request-log.csv');
    expect(d.layout).toBe('request-log');
    expect(d.mapping).toMatchObject({ kind: 'requests', time: { column: 'TIMESTAMP', format: 'datetime' }, interval: 60 });
    expect(d.mapping.kind === 'requests' && d.mapping.weight).toBeUndefined();
    expect(d.notes.join('\n')).toMatch(/each row is one request at "TIMESTAMP"/);
    expect(d.notes.join('\n')).toMatch(/weight.*ContextTokens, GeneratedTokens/);
  });

  it('count requests per minute into a rate the HPA model serves', () => {
    const { table, report } = importTraceText(fixtureText('request-log.csv'), mapping({ hpa: { scaleDownStabilization: 0 } }), { fileName: 'request-log.csv' });
    expect(report).toMatchObject({ dataRows: 8, accepted: 8, rejected: 0, origin: T0 });
    expect(report.requests).toEqual({ interval: 60, intervals: 4, total: 8, peak: 4, peakAt: 60, weightColumn: null });
    // Rate (requests/s) as a step function: 3/60 from 0, 4/60 from 60, 0 from 120, 1/60 from 180, end 240.
    // One request per minute per pod: starts at 3 pods; the sync at 60 s sees 4/60 -> 4 pods;
    // at 120 s the rate is 0 and (no stabilization window) the count drops to minReplicas 1,
    // newest pods first; at 180 s 1/60 needs exactly 1. Syncs every 15 s from 0 to 225: 16.
    expect(report.rate).toEqual({ samples: 5, syncs: 16, peakReplicas: 4, scaleUps: 1, scaleDowns: 1 });
    expect([...table.arrival]).toEqual([0, 0, 0, 60]);
    expect([...table.duration]).toEqual([240, 120, 120, 60]);
    expect([...table.cpu]).toEqual([2000, 2000, 2000, 2000]);
    expect([...table.mem]).toEqual([4096, 4096, 4096, 4096]);
  });

  it('with the default stabilization window keep the pods through the quiet minute', () => {
    // Scale-down only to the highest recommendation of the last 300 s, i.e. 4, until the end.
    const { table } = importTraceText(fixtureText('request-log.csv'), mapping());
    expect([...table.arrival]).toEqual([0, 0, 0, 60]);
    expect([...table.duration]).toEqual([240, 240, 240, 180]);
  });

  it('can weight each request by a numeric column', () => {
    // Tokens/s: 1649/60, 1736/60, 0, 512/60. At 10 tokens/s per pod: ceil(27.48 / 10) = 3 pods;
    // at 60 s 28.93 / 30 = 0.964 is within the 10% tolerance: still 3, to the end (window 300 s).
    const { table, report } = importTraceText(fixtureText('request-log.csv'), mapping({ weight: { column: 'ContextTokens' }, capacityPerPod: 10 }));
    expect(report.requests).toEqual({ interval: 60, intervals: 4, total: 1649 + 1736 + 512, peak: 1736, peakAt: 60, weightColumn: 'ContextTokens' });
    expect([...table.arrival]).toEqual([0, 0, 0]);
    expect([...table.duration]).toEqual([240, 240, 240]);
  });

  it('align intervals to multiples of the interval in the file time base', () => {
    // 120 s intervals start at even UTC minutes: 18:16-18:18 holds 3, 18:18-18:20 holds 4, 18:20-18:22 holds 1.
    const { report } = importTraceText(fixtureText('request-log.csv'), mapping({ interval: 120 }));
    expect(report.origin).toBe(T0 - 60);
    expect(report.requests).toMatchObject({ interval: 120, intervals: 3, total: 8, peak: 4, peakAt: 120 });
  });

  it('reject rows without a usable time or weight, by reason, and count the rest', () => {
    const text = 'ts,tokens\n0,5\nsoon,5\n,5\n10,\n20,-1\n30,lots\n70,2\n';
    const { report } = importTraceText(text, mapping({ time: { column: 'ts', format: 'seconds' }, weight: { column: 'tokens' } }));
    expect(report.accepted).toBe(2);
    expect(report.rejections.map((r) => [r.reason, r.count, r.examples[0].line])).toEqual([
      ['negative weight', 1, 6],
      ['time missing', 1, 4],
      ['time not a number', 1, 3],
      ['weight missing', 1, 5],
      ['weight not a number', 1, 7],
    ]);
    expect(report.requests).toMatchObject({ total: 7, intervals: 2, peak: 5 });
  });

  it('say which mode was chosen and why, for the CLI', () => {
    const { report } = importTraceText(fixtureText('request-log.csv'), undefined, { fileName: 'request-log.csv' });
    expect(importLines(report)).toEqual([
      'mode: request log, one request per row at "TIMESTAMP" (no end or duration), counted per 60 s into a rate the HPA model serves (detected layout request-log)',
      '8 of 8 rows accepted, 0 rejected',
      '8 requests in 4 intervals of 60 s (busiest: 4 at +1 min); HPA model: 1 request/s per pod, pods of 1,000m / 2,048 MiB: 1 pod, at most 1 at once',
    ]);
  });

  it('are not guessed for a start column next to CPU and memory (a pod list missing its ends)', () => {
    expect(() => detectLayout(['start', 'cpu', 'memory'], [['1', '1', '1']], 'x.csv')).toThrow(/x\.csv: no usable column: found a start time \("start"\) but no end time or duration.*"one request"/);
  });
});
