import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../src/trace/detect.ts';
import { TraceImportError } from '../../src/trace/errors.ts';
import { importTraceText } from '../../src/trace/importer.ts';
import { plainNumber } from '../../src/trace/plainNumber.ts';
import type { TraceImportResult } from '../../src/trace/report.ts';

/** Issue 18 items 4 and 7, issue 13 item 7: nothing read wrong or moved without a word. */
const arrivals = (r: TraceImportResult) => Array.from(r.table.arrival.subarray(0, r.table.count));

describe('a canonical file must have every canonical column', () => {
  it('without mem_mib: an error naming the column, not 2048 MiB for every pod', () => {
    const text = 'arrival_s,duration_s,cpu_m,class\n0,60,500,web\n5,60,500,web\n';
    expect(() => importTraceText(text, undefined, { fileName: 'nomem.csv' })).toThrow(TraceImportError);
    expect(() => importTraceText(text, undefined, { fileName: 'nomem.csv' })).toThrow(/^nomem\.csv: .*no "mem_mib" column/);
    // The app's dialog gets the same message as its detection error and asks for a hand mapping.
    expect(() => detectLayout(['arrival_s', 'duration_s', 'cpu_m', 'class'], [['0', '60', '500', 'web']], 'nomem.csv')).toThrow(/no "mem_mib" column/);
  });

  it('without cpu_m and mem_mib: both named', () => {
    expect(() => importTraceText('arrival_s,duration_s\n0,60\n', undefined, { fileName: 'sizes.csv' })).toThrow(/no "cpu_m", "mem_mib" column/);
  });

  it('another column may fill the role (memory_gib for mem_mib): read from it, no placeholder', () => {
    const r = importTraceText('arrival_s,duration_s,cpu_m,memory_gib\n0,60,500,2\n', undefined, { fileName: 'gib.csv' });
    expect(r.report.mapping.kind === 'pods' && r.report.mapping.defaultPod).toBeFalsy();
    expect(r.table.mem[0]).toBe(2048); // 2 GiB = 2 * 1024 MiB
  });
});

describe('a negative start is reported with how far the trace moved', () => {
  it('two rows before 0: every pod 30 s later, a warning with the count, the shift and the lines', () => {
    // Arrivals -30, -10, 0, 20 -> the first becomes 0: 0, 20, 30, 50.
    const text = 'arrival_s,duration_s,cpu_m,mem_mib\n-30,60,500,512\n-10,60,500,512\n0,60,500,512\n20,60,500,512\n';
    const r = importTraceText(text, undefined, { fileName: 'neg.csv' });
    expect(arrivals(r)).toEqual([0, 20, 30, 50]);
    expect(r.report.origin).toBe(-30);
    const w = r.report.warnings.find((x) => x.reason.startsWith('negative start'));
    expect(w).toBeDefined();
    expect(w!.count).toBe(2);
    expect(w!.reason).toContain('30 s later');
    expect(w!.examples.map((e) => e.line)).toEqual([2, 3]);
  });

  it('no warning when nothing starts before 0', () => {
    const r = importTraceText('arrival_s,duration_s,cpu_m,mem_mib\n0,60,500,512\n', undefined, { fileName: 'ok.csv' });
    expect(r.report.warnings).toEqual([]);
  });
});

describe('hex, binary and octal numbers are bad rows', () => {
  it('plainNumber reads decimals and refuses radix prefixes', () => {
    expect(plainNumber('16')).toBe(16);
    expect(plainNumber(' 1.5e3 ')).toBe(1500);
    expect(plainNumber('-0.25')).toBe(-0.25);
    expect(plainNumber('0')).toBe(0);
    expect(plainNumber('0.5')).toBe(0.5);
    for (const t of ['0x10', '0X10', ' 0x10', '0b11', '0B11', '0o17', '0O17']) expect(plainNumber(t)).toBeNaN();
  });

  it('0x10 in any number column rejects the row instead of reading 16', () => {
    const text = [
      'arrival_s,duration_s,cpu_m,mem_mib',
      '0,60,500,512', // line 2: good
      '0x10,60,500,512', // line 3: start
      '1,0x10,500,512', // line 4: duration
      '2,60,0x10,512', // line 5: cpu
      '3,60,500,0x10', // line 6: memory
      '4,60,500,0b1', // line 7: memory
    ].join('\n');
    const r = importTraceText(text, undefined, { fileName: 'hex.csv' });
    expect(r.report.accepted).toBe(1);
    expect(r.report.rejected).toBe(5);
    const lines = Object.fromEntries(r.report.rejections.map((x) => [x.reason, x.examples.map((e) => e.line)]));
    expect(lines).toEqual({
      'start time not a number': [3],
      'duration not a number': [4],
      'cpu not a number': [5],
      'memory not a number': [6, 7],
    });
  });
});
