import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CanonicalFastImport } from '../../src/trace/canonicalFast.ts';
import { importTraceText } from '../../src/trace/importer.ts';
import { readTraceFile } from '../../src/trace/readFile.node.ts';
import type { TraceImportResult } from '../../src/trace/report.ts';
import type { PodTable } from '../../src/workload/podTable.ts';

/**
 * The canonical fast path against the general path (papaparse), on seeded random canonical files:
 * wherever the fast path reads a file, its pod table must be the general path's bit for bit and
 * its report (warnings with their lines and texts included) the same; wherever it is not sure, it
 * must give up (never read differently). Clean files must be read by the fast path.
 */

const SEED = 20261204;
const encoder = new TextEncoder();

/** A number as a writer might print it: integer, fixed decimals, leading zeros, "-0", long digits. */
const numberText = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.double({ min, max, noNaN: true }), fc.integer({ min: 0, max: 6 })).map(([v, d]) => v.toFixed(d)),
    fc.tuple(fc.integer({ min: Math.max(0, min), max }), fc.integer({ min: 1, max: 3 })).map(([v, z]) => '0'.repeat(z) + String(v)),
    fc.constant(min <= 0 ? '0' : String(max)),
    fc.constant(min <= 0 ? '-0' : '1.'),
    // More than 15 significant digits (parsed as text) and more than 22 decimals.
    fc.bigInt({ min: 10n ** 15n, max: 10n ** 19n }).map((b) => (min < 0 ? String(b) : String(b).slice(0, 4) + '.' + String(b).slice(4))),
    fc.integer({ min: 1, max: 9 }).map((d) => '0.' + '0'.repeat(22) + d),
  );

const classText = fc.constantFrom('web', 'class', 'batch', ' batch ', '', '  ', 'クラス', 'job-α');

interface Row {
  cells: string[];
}

const rowArb = (columns: number): fc.Arbitrary<Row> =>
  fc
    .tuple(numberText(-100, 1e9), numberText(0, 1e6), numberText(1, 64_000), numberText(0, 1e6), classText)
    .map(([a, d, c, m, k]) => ({ cells: columns === 5 ? [a, d, c, m, k] : [a, d, c, m] }));

/** Something the fast path is not sure of; the general path reads it its own way (or rejects it). */
const oddLine = fc.constantFrom(
  '"1",2,3,4,web',
  '1,2,3,4,"web"',
  '1,2,3,4,web,extra',
  '1,2,3',
  '1e3,2,3,4,web',
  ' 1,2,3,4,web',
  '1,2,3,4',
  '# a comment',
  '   ',
  '1,-2,3,4,web',
  '1,2,0,4,web',
  '1,2,3,-4,web',
  ',2,3,4,web',
  '1,,3,4,web',
  '0x10,2,3,4,web',
  '1,2,3Mi,4,web',
  '1,2,3,4,we"b',
  '1,2,3,4,a\tb',
  '1\r2,3,4,5,web',
);

interface File {
  text: string;
  /** True when nothing in the file is outside what the fast path reads. */
  clean: boolean;
}

const fileArb: fc.Arbitrary<File> = fc
  .record({
    columns: fc.constantFrom(4, 5),
    rows: fc.integer({ min: 0, max: 40 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
    blankLines: fc.array(fc.nat(), { maxLength: 2 }),
    trailingBlank: fc.boolean(),
    odd: fc.option(fc.tuple(oddLine, fc.nat()), { freq: 3 }),
  })
  .chain((o) => fc.array(rowArb(o.columns), { minLength: o.rows, maxLength: o.rows }).map((rows) => ({ o, rows })))
  .map(({ o, rows }) => {
    const lines = [o.columns === 5 ? 'arrival_s,duration_s,cpu_m,mem_mib,class' : 'arrival_s,duration_s,cpu_m,mem_mib', ...rows.map((r) => r.cells.join(','))];
    for (const b of o.blankLines) lines.splice(1 + (b % lines.length), 0, '');
    if (o.odd) lines.splice(1 + (o.odd[1] % lines.length), 0, o.odd[0]);
    const nl = o.crlf ? '\r\n' : '\n';
    const text = (o.bom ? '\ufeff' : '') + lines.join(nl) + (o.trailingNewline ? nl : '') + (o.trailingBlank ? nl + nl : '');
    return { text, clean: !o.odd && rows.length > 0 };
  });

function bits(a: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }): number[] {
  return [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)];
}

/** Same pods, bit for bit (so -0 and 0 differ, as they would in the replay). */
function expectSameTable(fast: PodTable, general: PodTable): void {
  expect(fast.count).toBe(general.count);
  expect(fast.classNames).toEqual(general.classNames);
  for (const k of ['arrival', 'duration', 'cpu', 'mem', 'cls'] as const) expect(bits(fast[k]), k).toEqual(bits(general[k]));
  expect(fast.fixedEnd).toBe(general.fixedEnd);
}

/** The fast path fed in pieces cut anywhere (inside a number, a CRLF, a UTF-8 character or the BOM). */
function fastImport(text: string, cuts: number[]): TraceImportResult | null {
  const bytes = encoder.encode(text);
  const fast = new CanonicalFastImport({ fileName: 'trace.csv', expectedBytes: bytes.length });
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const c of [...at, bytes.length]) {
    if (!fast.push(bytes.subarray(from, c))) return null;
    from = c;
  }
  return fast.finish();
}

function generalImport(text: string): TraceImportResult | Error {
  try {
    return importTraceText(text, undefined, { fileName: 'trace.csv' });
  } catch (e) {
    return e as Error;
  }
}

describe('canonical fast path = general path', () => {
  it(`same pod table and report wherever the fast path reads a file, gives up otherwise (fast-check seed ${SEED})`, () => {
    let readFast = 0;
    let gaveUp = 0;
    fc.assert(
      fc.property(fileArb, fc.array(fc.nat(), { maxLength: 6 }), (file, cuts) => {
        const general = generalImport(file.text);
        const fast = fastImport(file.text, cuts);
        if (file.clean) expect(fast, 'a clean canonical file is read by the fast path').not.toBeNull();
        if (fast === null) {
          gaveUp++;
          return;
        }
        readFast++;
        expect(general).not.toBeInstanceOf(Error);
        const g = general as TraceImportResult;
        expectSameTable(fast.table, g.table);
        expect(fast.report).toStrictEqual(g.report);
        // Same bytes too: the report is printed and hashed as JSON.
        expect(JSON.stringify(fast.report)).toBe(JSON.stringify(g.report));
      }),
      { seed: SEED, numRuns: 600 },
    );
    // Both branches were exercised.
    expect(readFast).toBeGreaterThan(100);
    expect(gaveUp).toBeGreaterThan(50);
  });

  it('says what the general path says about zero durations, zero memory and negative starts (lines and texts)', () => {
    const text = 'arrival_s,duration_s,cpu_m,mem_mib,class\r\n-5,0,500,0,web\r\n\r\n3.5,10,250,-0,batch\r\n7,-0,1,1,batch';
    const fast = fastImport(text, [7, 40])!;
    expect(fast).not.toBeNull();
    // By hand: the first start is -5, so every pod moves 5 s later; lines 2, 4 and 5.
    expect([...fast.table.arrival]).toEqual([0, 8.5, 12]);
    expect(fast.report.blankLines).toBe(1);
    // Most frequent first, then by reason.
    expect(fast.report.warnings).toEqual([
      { reason: 'zero duration', count: 2, examples: [{ line: 2, text: '-5,0,500,0,web' }, { line: 5, text: '7,-0,1,1,batch' }] },
      { reason: 'zero memory', count: 2, examples: [{ line: 2, text: '-5,0,500,0,web' }, { line: 4, text: '3.5,10,250,-0,batch' }] },
      { reason: 'negative start time: every pod was moved 5 s later, so that the trace starts at 0', count: 1, examples: [{ line: 2, text: '-5,0,500,0,web' }] },
    ]);
    expect(fast.report).toStrictEqual((generalImport(text) as TraceImportResult).report);
  });
});

describe('readTraceFile with the fast path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-fast-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a canonical file as the general path does, and hands an odd one over from its first byte', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${(i * 1.25).toFixed(3)},${60 + (i % 7)},${250 * (1 + (i % 4))},${512 * (1 + (i % 3))},${['web', 'class', 'batch'][i % 3]}`);
    const clean = join(dir, 'clean.csv');
    writeFileSync(clean, ['arrival_s,duration_s,cpu_m,mem_mib,class', ...rows].join('\n') + '\n');
    const text = ['arrival_s,duration_s,cpu_m,mem_mib,class', ...rows].join('\n') + '\n';
    const a = readTraceFile(clean);
    const b = importTraceText(text, undefined, { fileName: clean });
    expectSameTable(a.table, b.table);
    expect(a.report).toStrictEqual(b.report);
    expect(a.table.count).toBe(5000);
    // By hand: pod 4,999 arrives at 4,999 x 1.25 s; class 'batch' is the third class seen.
    expect(a.table.arrival[4999]).toBe(6248.75);
    expect(a.table.classNames).toEqual(['web', 'class', 'batch']);

    // One quoted cell near the end: the general path reads the whole file (the quote is its to read).
    const odd = join(dir, 'odd.csv');
    const oddText = ['arrival_s,duration_s,cpu_m,mem_mib,class', ...rows.slice(0, 4990), '6240,60,250,512,"web"', ...rows.slice(4991)].join('\n') + '\n';
    writeFileSync(odd, oddText);
    const c = readTraceFile(odd);
    const d = importTraceText(oddText, undefined, { fileName: odd });
    expectSameTable(c.table, d.table);
    expect(c.report).toStrictEqual(d.report);
    expect(c.table.count).toBe(5000);

    // A rejected row in strict mode: the general path's error, with its line.
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, ['arrival_s,duration_s,cpu_m,mem_mib,class', ...rows.slice(0, 10), '1,-5,250,512,web'].join('\n'));
    expect(() => readTraceFile(bad, undefined, { strict: true })).toThrow(`${bad}:12: negative duration`);
  });
});
