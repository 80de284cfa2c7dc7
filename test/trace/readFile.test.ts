import { describe, expect, it } from 'vitest';
import { TraceImportError } from '../../src/trace/errors.ts';
import { readTraceFile } from '../../src/trace/readFile.node.ts';
import { fixturePath } from './fixtures.ts';

describe('readTraceFile', () => {
  it('reads and auto-detects a file', () => {
    const { table, report } = readTraceFile(fixturePath('canonical.csv'));
    expect(table.count).toBe(3);
    expect(report.layout).toBe('canonical');
    expect(report.fileName).toBe(fixturePath('canonical.csv'));
  });

  it('uses a given mapping', () => {
    const { report } = readTraceFile(fixturePath('canonical.csv'), {
      kind: 'pods',
      start: { column: 'arrival_s', format: 'seconds' },
      duration: { column: 'duration_s', unit: 'seconds' },
      defaultPod: { cpuMillicores: 100, memoryMiB: 64 },
    });
    expect(report.layout).toBe('custom');
    expect(report.accepted).toBe(3);
  });

  it('reports bad rows, or in strict mode throws "file:line: reason"', () => {
    const path = fixturePath('bad-rows.csv');
    expect(readTraceFile(path).report.rejected).toBe(15);
    expect(() => readTraceFile(path, undefined, { strict: true })).toThrow(new TraceImportError('start time not a number', path, 3));
    expect(() => readTraceFile(path, undefined, { strict: true })).toThrow(`${path}:3: start time not a number`);
  });

  it('names the file when it cannot be read or imported', () => {
    expect(() => readTraceFile('/nonexistent/trace.csv')).toThrow('/nonexistent/trace.csv: cannot read the trace: no such file');
    expect(() => readTraceFile(fixturePath('empty.csv'))).toThrow(`${fixturePath('empty.csv')}: the file is empty`);
    expect(() => readTraceFile(fixturePath('binary.csv'))).toThrow(TraceImportError);
  });
});
