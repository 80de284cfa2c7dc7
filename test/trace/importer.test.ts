import { describe, expect, it } from 'vitest';
import { TraceImportError } from '../../src/trace/errors.ts';
import { createTraceImporter, importTraceBlob, importTraceText } from '../../src/trace/importer.ts';
import type { TraceMappingInput } from '../../src/trace/mapping.ts';
import type { TraceImportResult } from '../../src/trace/report.ts';
import { fixtureText } from './fixtures.ts';

function load(name: string, mapping?: TraceMappingInput): TraceImportResult {
  return importTraceText(fixtureText(name), mapping, { fileName: name });
}

/** The table as plain arrays, class names resolved, for readable expectations. */
function pods(r: TraceImportResult) {
  const t = r.table;
  return Array.from({ length: t.count }, (_, i) => [t.arrival[i], t.duration[i], t.cpu[i], t.mem[i], t.classNames[t.cls[i]]]);
}

const reasons = (r: TraceImportResult) => Object.fromEntries(r.report.rejections.map((x) => [x.reason, x.examples.map((e) => e.line)]));

describe('known layouts', () => {
  it('canonical: rebased to the first arrival and sorted', () => {
    // Arrivals 10, 12.5, 11 -> origin 10 -> 0, 2.5, 1; sorted: 0 (web), 1 (web), 2.5 (batch).
    const r = load('canonical.csv');
    expect(r.report.layout).toBe('canonical');
    expect(r.report.origin).toBe(10);
    expect(pods(r)).toEqual([
      [0, 60, 500, 512, 'web'],
      [1, 120, 250, 256, 'web'],
      [2.5, 30, 1000, 1024, 'batch'],
    ]);
    expect(r.table.classNames).toEqual(['web', 'batch']);
  });

  it('keepTimeOfDay rebases to midnight of the first day instead', () => {
    const r = importTraceText(fixtureText('canonical.csv'), {
      kind: 'pods',
      keepTimeOfDay: true,
      start: { column: 'arrival_s', format: 'seconds' },
      duration: { column: 'duration_s', unit: 'seconds' },
      cpu: { column: 'cpu_m', unit: 'millicores' },
      memory: { column: 'mem_mib', unit: 'MiB' },
    });
    expect(r.report.layout).toBe('custom');
    expect(r.report.origin).toBe(0);
    expect([...r.table.arrival]).toEqual([10, 11, 12.5]);
    expect(r.table.classNames).toEqual(['default']);
  });

  it('openb: end time, zero memory and zero duration flagged, bad rows rejected, blanks censored', () => {
    const r = load('openb-like.csv');
    // origin = first creation_time = 100; last time = pod-a's deletion at 1100.
    // pod-f (blank start, ends 700): 0 .. 600; pod-g (starts 650, blank end): 550 .. 1000.
    expect(pods(r)).toEqual([
      [0, 1000, 12000, 16384, 'LS'],
      [0, 600, 2000, 2048, 'LS'],
      [100, 60, 6000, 0, 'BE'],
      [200, 0, 4000, 8192, 'BE'],
      [550, 450, 2000, 2048, 'Guaranteed'],
    ]);
    expect(r.report).toMatchObject({ layout: 'alibaba-openb', dataRows: 7, accepted: 5, rejected: 2, origin: 100, censored: { start: 1, end: 1 }, pods: 5 });
    expect(r.report.rejections).toEqual([
      { reason: 'cpu not positive', count: 1, examples: [{ line: 6, text: 'pod-e,0,4096,0,0,,BE,Failed,500,600,500' }] },
      { reason: 'end before start', count: 1, examples: [{ line: 5, text: 'pod-d,8000,4096,1,500,V100,Burstable,Failed,400,350,400' }] },
    ]);
    expect(r.report.warnings).toEqual([
      { reason: 'zero duration', count: 1, examples: [{ line: 4, text: 'pod-c,4000,8192,0,0,,BE,Pending,300,300,' }] },
      { reason: 'zero memory', count: 1, examples: [{ line: 3, text: 'pod-b,6000,0,1,460,,BE,Succeeded,200,260,200' }] },
    ]);
  });

  it('cluster export: date-times with zones, cores, GiB, blank start and end', () => {
    const r = load('cluster-export.csv');
    // origin 2024-03-01T19:00Z = 1709319600 (api-1 and job-2, 21:00+02:00); trace end 20:10.
    // job-1 (blank start, ends 19:05): 0 .. 300; job-2 (blank end): 0 .. 4200.
    expect(r.report.origin).toBe(1709319600);
    expect(r.report.censored).toEqual({ start: 1, end: 1 });
    expect(pods(r)).toEqual([
      [0, 1800, 500, 1024, 'high'],
      [0, 300, 1000, 2048, 'low'],
      [0, 4200, 250, 512, 'low'],
      [600, 3600, 2000, 4608, 'high'],
    ]);
  });

  it('cluster export with keepTimeOfDay: 19:00 stays 19:00', () => {
    const detected = load('cluster-export.csv').report.mapping;
    const r = importTraceText(fixtureText('cluster-export.csv'), { ...detected, keepTimeOfDay: true });
    expect(r.report.origin).toBe(1709251200); // 2024-03-01T00:00Z
    expect([...r.table.arrival]).toEqual([68400, 68400, 68400, 69000]);
  });

  it('Kubernetes quantities', () => {
    const r = load('k8s-quantities.csv');
    expect([...r.table.cpu]).toEqual([500, 2000, 250, 1500, 100]);
    const mib = [512, 2048, 1e9 / 1048576, 1e9 / 1048576, 123];
    [...r.table.mem].forEach((m, i) => expect(m).toBeCloseTo(mib[i], 9));
  });

  it('GenAI request log: date-times, durations, default pod size, class from predict_type', () => {
    const r = load('genai-requests.csv');
    // 18:16:14 - 16:57:50 = 4704 s; next day 00:00:05 - 16:57:50 = 25335 s.
    expect(r.report.origin).toBe(1731689870);
    expect(pods(r)).toEqual([
      [0, 32, 1000, 2048, 'TXT_2_IMG'],
      [4704, 43, 1000, 2048, 'TXT_2_IMG'],
      [25335, 0, 1000, 2048, 'IMG_2_IMG'],
    ]);
    expect(r.report.warnings.map((w) => [w.reason, w.count])).toEqual([['zero duration', 1]]);
  });

  it('epoch milliseconds, semicolons, end column', () => {
    const r = load('semicolon-epoch-ms.csv');
    expect(r.report.delimiter).toBe(';');
    expect(r.report.origin).toBe(1700000000);
    expect(pods(r)).toEqual([
      [0, 60, 250, 256, 'default'],
      [30, 60.5, 1000, 1024, 'default'],
    ]);
  });

  it('headerless canonical', () => {
    const r = load('headerless.csv');
    expect(r.report.layout).toBe('canonical-headerless');
    expect(pods(r)).toEqual([
      [0, 60, 500, 512, 'web'],
      [10, 30, 250, 256, 'batch'],
    ]);
  });
});

describe('validation loses nothing silently', () => {
  it('counts every rejected row by reason with line numbers and raw text', () => {
    const r = load('bad-rows.csv');
    expect(r.report).toMatchObject({ dataRows: 19, accepted: 4, rejected: 15, filteredOut: 0, blankLines: 1 });
    expect(r.report.accepted + r.report.rejected + r.report.filteredOut).toBe(r.report.dataRows);
    expect(reasons(r)).toEqual({
      'start time not a number': [3, 16, 17, 18, 19],
      'negative duration': [4],
      'cpu missing': [5],
      'too few columns': [6],
      'cpu not positive': [9, 14],
      'memory missing': [10],
      'memory not a number': [11],
      'duration not a number': [13],
      'negative memory': [15],
    });
    const start = r.report.rejections[0];
    expect(start).toMatchObject({ reason: 'start time not a number', count: 6 });
    expect(start.examples[0]).toEqual({ line: 3, text: 'abc,60,500,512,web' });
    expect(r.report.warnings).toEqual([{ reason: 'zero memory', count: 1, examples: [{ line: 12, text: '12,60,500,0,web' }] }]);
    // Lines 2, 8 (extra cells are fine), 12 and 21.
    expect([...r.table.arrival]).toEqual([0, 8, 12, 16]);
  });

  it('strict mode throws on the first rejected row with file and line', () => {
    expect(() => importTraceText(fixtureText('bad-rows.csv'), undefined, { fileName: 'bad-rows.csv', strict: true })).toThrow(
      new TraceImportError('start time not a number', 'bad-rows.csv', 3),
    );
    try {
      importTraceText(fixtureText('bad-rows.csv'), undefined, { fileName: 'bad-rows.csv', strict: true });
    } catch (e) {
      expect((e as Error).message).toBe('bad-rows.csv:3: start time not a number');
      expect((e as TraceImportError).line).toBe(3);
    }
  });

  it('applies a filter and counts the rows it leaves out', () => {
    const detected = load('openb-like.csv').report.mapping;
    const r = importTraceText(fixtureText('openb-like.csv'), { ...detected, filter: { column: 'pod_phase', equals: 'Running' } });
    // Running: pod-a, pod-f, pod-g.
    expect(r.report).toMatchObject({ dataRows: 7, accepted: 3, rejected: 0, filteredOut: 4 });
  });
});

describe('file formats', () => {
  it('quoted fields: delimiters, escaped quotes and line breaks inside quotes', () => {
    const r = load('quoted.csv');
    expect(r.table.classNames).toEqual(['web, frontend', 'say "hi"', 'multi\nline', 'x']);
    expect(r.report.accepted).toBe(4);
    // The multi-line field takes lines 4-5, so the bad row is on line 6.
    expect(r.report.rejections).toEqual([{ reason: 'start time not a number', count: 1, examples: [{ line: 6, text: 'bad,60,500,512,web' }] }]);
  });

  it('an unterminated quote rejects its line only', () => {
    const r = load('unterminated-quote.csv');
    expect(r.report.accepted).toBe(1);
    expect(r.report.rejections).toEqual([{ reason: 'malformed quotes', count: 1, examples: [{ line: 3, text: '1,60,500,512,"oops' }] }]);
    // Mid-file, the lines after it are still read.
    const text = fixtureText('unterminated-quote.csv') + '2,60,500,512,web\n3,60,500,512,batch\n';
    const mid = importTraceText(text, undefined, { fileName: 'u.csv' });
    expect(mid.report).toMatchObject({ accepted: 3, rejected: 1 });
    expect(mid.table.classNames).toEqual(['web', 'batch']);
    expect(reasons(mid)).toEqual({ 'malformed quotes': [3] });
  });

  it('UTF-8 BOM and CRLF', () => {
    const r = load('bom-crlf.csv');
    expect(r.report.layout).toBe('canonical');
    expect(pods(r)).toEqual([
      [0, 60, 500, 512, 'web'],
      [5, 30, 250, 256, 'batch'],
    ]);
    expect(r.report.rejections).toEqual([{ reason: 'start time not a number', count: 1, examples: [{ line: 4, text: 'x,1,1,1,web' }] }]);
  });

  it('no trailing newline: the last row still counts', () => {
    const r = load('no-trailing-newline.csv');
    expect(pods(r)).toEqual([
      [0, 60, 500, 512, 'default'],
      [5, 30, 250, 256, 'default'],
    ]);
  });

  it('extra columns, in the header and beyond it', () => {
    const r = load('extra-columns.csv');
    expect(r.report.rejected).toBe(0);
    expect(pods(r)).toEqual([
      [0, 60, 500, 512, 'web'],
      [5, 30, 250, 256, 'batch'],
    ]);
  });

  it('gives the same result however the text is cut into chunks', () => {
    for (const name of ['canonical.csv', 'quoted.csv', 'bom-crlf.csv', 'bad-rows.csv', 'openb-like.csv', 'no-trailing-newline.csv', 'unterminated-quote.csv']) {
      const text = fixtureText(name);
      const whole = importTraceText(text, undefined, { fileName: name });
      for (const size of [1, 2, 3, 7, 64]) {
        const importer = createTraceImporter(undefined, { fileName: name });
        for (let i = 0; i < text.length; i += size) importer.push(text.slice(i, i + size));
        const cut = importer.finish();
        expect(cut.report, `${name} in ${size}-char chunks`).toEqual(whole.report);
        expect(pods(cut), `${name} in ${size}-char chunks`).toEqual(pods(whole));
      }
    }
  });

  it('imports a Blob chunk by chunk, decoding UTF-8 across chunk boundaries, with progress', async () => {
    const text = 'arrival_s,duration_s,cpu_m,mem_mib,class\n0,60,500,512,café\n1,60,500,512,日本\n2,60,500,512,café\n';
    const blob = new Blob([new TextEncoder().encode(text)]);
    const progress: number[] = [];
    const r = await importTraceBlob(blob, undefined, { fileName: 'u.csv', chunkBytes: 5, onProgress: (p) => progress.push(p.bytesRead) });
    expect(r.table.classNames).toEqual(['café', '日本']);
    expect(r.report.accepted).toBe(3);
    expect(progress.length).toBe(Math.ceil(blob.size / 5));
    expect(progress.at(-1)).toBe(blob.size);
  });

  it('takes the file name from a File', async () => {
    const file = new File([fixtureText('header-only.csv')], 'upload.csv');
    await expect(importTraceBlob(file)).rejects.toThrow('upload.csv: the file has a header row but no data rows');
  });
});

describe('files that cannot be imported throw TraceImportError naming the file', () => {
  const cases: [string, RegExp][] = [
    ['empty.csv', /^empty\.csv: the file is empty$/],
    ['header-only.csv', /^header-only\.csv: the file has a header row but no data rows$/],
    ['binary.csv', /^binary\.csv: looks like a binary file, not CSV text$/],
    ['no-usable-column.csv', /^no-usable-column\.csv: no usable column/],
  ];
  for (const [name, message] of cases) {
    it(name, () => {
      expect(() => load(name)).toThrow(TraceImportError);
      expect(() => load(name)).toThrow(message);
    });
  }

  it('blank lines only count as empty', () => {
    expect(() => importTraceText('\n \r\n\n', undefined, { fileName: 'blank.csv' })).toThrow('blank.csv: the file is empty');
  });

  it('a mapping naming a missing column', () => {
    const mapping: TraceMappingInput = {
      kind: 'pods',
      start: { column: 'arrival', format: 'seconds' },
      duration: { column: 'duration_s', unit: 'seconds' },
      defaultPod: { cpuMillicores: 100, memoryMiB: 128 },
    };
    expect(() => load('canonical.csv', mapping)).toThrow(/^canonical\.csv: no usable column for the start time: there is no column "arrival"; the columns are: arrival_s, duration_s, cpu_m, mem_mib, class$/);
  });

  it('an invalid mapping', () => {
    const mapping = { kind: 'pods', start: { column: 'arrival_s', format: 'seconds' } } as TraceMappingInput;
    expect(() => load('canonical.csv', mapping)).toThrow(/^canonical\.csv: invalid column mapping: .*exactly one of end and duration.*defaultPod/);
  });
});

describe('class column', () => {
  it('a blank class on the first row is the class "default", as on any other row', () => {
    // Found by the canonical fast path's property test: the first row's blank class matched the
    // reader's empty "last class seen" and got class id -1 (65,535 in the Uint16Array, no name).
    const { table } = importTraceText('arrival_s,duration_s,cpu_m,mem_mib,class\n0,10,500,512,\n1,10,500,512,web\n2,10,500,512, \n');
    expect(table.classNames).toEqual(['default', 'web']);
    expect([...table.cls]).toEqual([0, 1, 0]);
  });
});
