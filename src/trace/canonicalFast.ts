import { clip, type RowBatch } from './csvChunks.ts';
import { detectLayout } from './detect.ts';
import type { PodRowMapping } from './mapping.ts';
import { PodRowReader } from './podRows.ts';
import type { TraceImportReport, TraceImportResult } from './report.ts';
import { RowIssueLog } from './rowIssues.ts';
import { unitSanityWarnings } from './unitSanity.ts';

/**
 * The fast path for the canonical numeric layout, the one Spillway and gen-trace.mjs write:
 *
 *     arrival_s,duration_s,cpu_m,mem_mib[,class]
 *     5.304,5105.089,2000,8192,batch
 *
 * Reads the file's bytes straight into the pod table: no decoded text, no string array per row
 * (papaparse's general path makes five strings and an array per row, then parses each string).
 *
 * It reads only what it is sure of, and otherwise gives up and the caller reads the whole file
 * again with the general importer, from the first byte: the header exactly as above (after an
 * optional BOM), then rows of exactly as many fields, numbers written `-?digits[.digits]`, a class
 * without quotes or control characters, lines ending in LF or CRLF, empty lines. Anything else (a
 * quote, a blank or non-numeric cell, spaces, an exponent, an extra or missing field, a lone CR, a
 * comment, a row the general path would reject) makes it give up. What it accepts it reads as the
 * general path does, through the same PodRowReader: same values bit for bit, same class ids, same
 * warnings with the same lines and texts, same report (test/trace/canonicalFast.property.test.ts).
 */

const HEADER_4 = 'arrival_s,duration_s,cpu_m,mem_mib';
const HEADER_5 = HEADER_4 + ',class';
/** Longer than either header (with CR): no line break by then means it is not one of them. */
const HEADER_MAX_BYTES = HEADER_5.length + 2;
/** Distinct class spellings remembered as bytes; a file with more gives up (classes are few). */
const MAX_CLASSES = 256;
/** 10^k for k = 0..22: exact doubles, so digits / 10^k is the correctly rounded decimal. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** From 15 digits on, digits * 10 + d might not be an exact double (2^53 is about 9e15): such a cell is parsed as text. */
const EXACT_DIGITS_LIMIT = 1e14;

const LF = 10;
const CR = 13;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const QUOTE = 34;

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

const latin1 = new TextDecoder('latin1');

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The one row a warning asks about, as a RowBatch (line and text worked out only when asked). */
class LineRef implements RowBatch {
  readonly rows: string[][] = [];
  readonly malformed = null;
  bytes: Uint8Array = new Uint8Array(0);
  from = 0;
  to = 0;
  lineNo = 0;

  constructor(private readonly decoder: TextDecoder) {}

  line(): number {
    return this.lineNo;
  }

  text(): string {
    // Fields joined by commas, as the general path quotes a row: the line without its break.
    return clip(this.decoder.decode(this.bytes.subarray(this.from, this.to)));
  }
}

export class CanonicalFastImport {
  private readonly fileName: string;
  private readonly strict: boolean;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private gaveUp = false;
  private headerDone = false;
  private atStart = true;
  private columns = 0;
  private carry: Uint8Array | null = null;
  /** 1-based line number of the next line. */
  private lineNo = 1;
  private reader: PodRowReader | null = null;
  private warnings: RowIssueLog;
  private mapping: PodRowMapping | null = null;
  private detection: ReturnType<typeof detectLayout> | null = null;
  private readonly lineRef: LineRef;
  private readonly classBytes: Uint8Array[] = [];
  private readonly classIds: number[] = [];

  /** The file's size when known: the pod table is then sized once, from the first chunk's rows per byte. */
  private readonly expectedBytes: number;
  private reserved = false;

  constructor(options: { fileName?: string; strict?: boolean; expectedBytes?: number } = {}) {
    this.fileName = options.fileName ?? 'trace';
    this.expectedBytes = options.expectedBytes ?? 0;
    this.strict = options.strict ?? false;
    this.warnings = new RowIssueLog(this.fileName);
    this.lineRef = new LineRef(this.decoder);
  }

  /** False once the fast path has given up (the caller then reads the file with the general importer). */
  get reading(): boolean {
    return !this.gaveUp;
  }

  /** Feeds the next bytes (they may cut a line anywhere). Returns false when it gives up. */
  push(chunk: Uint8Array): boolean {
    if (this.gaveUp) return false;
    let bytes = chunk;
    if (this.atStart) {
      // A BOM is skipped, even cut across pieces: the first bytes wait until three are in.
      if (this.carry !== null) {
        bytes = concat(this.carry, bytes);
        this.carry = null;
      }
      if (bytes.length < 3 && BOM.subarray(0, bytes.length).every((c, i) => bytes[i] === c)) {
        this.carry = bytes.slice();
        return true;
      }
      this.atStart = false;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) bytes = bytes.subarray(3);
    }
    let from = 0;
    if (this.carry !== null) {
      const nl = bytes.indexOf(LF);
      if (nl === -1) {
        this.carry = concat(this.carry, bytes);
        if (!this.headerDone && this.carry.length > HEADER_MAX_BYTES) return this.giveUp();
        return true;
      }
      const line = concat(this.carry, bytes.subarray(0, nl));
      this.carry = null;
      if (!this.line(line, 0, line.length)) return this.giveUp();
      from = nl + 1;
    }
    for (;;) {
      const nl = bytes.indexOf(LF, from);
      if (nl === -1) break;
      if (!this.line(bytes, from, nl)) return this.giveUp();
      from = nl + 1;
    }
    if (from < bytes.length) {
      this.carry = bytes.slice(from);
      if (!this.headerDone && this.carry.length > HEADER_MAX_BYTES) return this.giveUp();
    }
    if (!this.reserved && this.reader && this.reader.accepted > 0 && this.expectedBytes > 0) {
      // Rows per byte so far, 2% and a little more for longer rows later; any shortfall just grows.
      this.reserved = true;
      this.reader.reserve(Math.ceil((this.expectedBytes * this.lineNo * 1.02) / Math.max(1, from)) + 1024);
    }
    return true;
  }

  /** The import, or null when the fast path gave up or the file is not one it reads (the general path says why). */
  finish(): TraceImportResult | null {
    if (this.gaveUp || this.atStart) return null;
    if (this.carry !== null) {
      // A last line without LF; a CR at the very end is a line break (as in the general path).
      const last = this.carry;
      this.carry = null;
      if (!this.line(last, 0, last.length)) return null;
    }
    const reader = this.reader;
    if (!reader || reader.accepted === 0) return null; // no header, or no data rows: the general path's error
    const mapping = this.mapping!;
    const detection = this.detection!;
    const out = reader.finish();
    const warnings = this.warnings.list();
    // The general path's report for a canonical file, field for field and in its order.
    const report: TraceImportReport = {
      fileName: this.fileName,
      layout: detection.layout,
      mapping,
      notes: detection.notes,
      units: detection.units,
      delimiter: ',',
      dataRows: reader.accepted,
      accepted: reader.accepted,
      rejected: 0,
      filteredOut: reader.filteredOut,
      blankLines: reader.blankLines,
      rejections: [],
      warnings,
      censored: { start: out.censored.start, end: out.censored.end },
      origin: out.origin,
      pods: out.table.count,
      simplified: { endAtTraceEnd: 0, neverScheduled: null, gpu: null },
      unitWarnings: unitSanityWarnings(out.table, mapping),
    };
    return { table: out.table, report };
  }

  private giveUp(): false {
    this.gaveUp = true;
    this.carry = null;
    this.reader = null;
    return false;
  }

  /** One line, bytes [from, to) without its LF. False: give up. */
  private line(b: Uint8Array, from: number, to: number): boolean {
    const lineNo = this.lineNo++;
    if (to > from && b[to - 1] === CR) to--;
    if (!this.headerDone) return this.header(b, from, to);
    const reader = this.reader!;
    if (to === from) {
      reader.blankLines++;
      return true;
    }
    // Four numbers, each up to its comma.
    let i = from;
    let start = 0;
    let duration = 0;
    let cpu = 0;
    let mem = 0;
    for (let f = 0; f < 4; f++) {
      let end = i;
      while (end < to && b[end] !== COMMA) end++;
      const last = f === 3 && this.columns === 4;
      if (last ? end !== to : end === to) return false; // too few or too many fields
      const v = this.number(b, i, end);
      if (v !== v || v === Infinity || v === -Infinity) return false;
      if (f === 0) start = v;
      else if (f === 1) duration = v;
      else if (f === 2) cpu = v;
      else mem = v;
      i = end + 1;
    }
    // What the general path rejects (it reads these columns with the same numbers).
    if (duration < 0 || cpu <= 0 || mem < 0) return false;
    let cls = 0;
    if (this.columns === 5) {
      cls = this.classId(b, i, to);
      if (cls < 0) return false;
    }
    const ref = this.lineRef;
    ref.bytes = b;
    ref.from = from;
    ref.to = to;
    ref.lineNo = lineNo;
    reader.addChecked(start, duration, cpu, mem, cls, ref, 0);
    return true;
  }

  private header(b: Uint8Array, from: number, to: number): boolean {
    const text = latin1.decode(b.subarray(from, to));
    if (text !== HEADER_4 && text !== HEADER_5) return false;
    const header = text.split(',');
    this.columns = header.length;
    this.detection = detectLayout(header, [], this.fileName);
    if (this.detection.layout !== 'canonical' || this.detection.mapping.kind !== 'pods') return false;
    this.mapping = this.detection.mapping;
    this.reader = new PodRowReader(this.mapping, header, this.fileName, new RowIssueLog(this.fileName, this.strict), this.warnings);
    this.headerDone = true;
    return true;
  }

  /**
   * `-?digits[.digits]` (at least one digit) as JavaScript's `+text` reads it, or NaN for any
   * other text. Up to 15 significant digits and 22 decimals, integer / 10^k is exact and
   * correctly rounded (both are exact doubles); longer numbers go through `+text` itself.
   */
  private number(b: Uint8Array, from: number, to: number): number {
    let i = from;
    const negative = b[i] === MINUS;
    if (negative) i++;
    let digits = 0;
    let decimals = 0;
    let dot = false;
    let value = 0;
    let exact = true;
    for (; i < to; i++) {
      const c = b[i];
      if (c >= ZERO && c <= NINE) {
        digits++;
        if (dot) decimals++;
        if (value >= EXACT_DIGITS_LIMIT) exact = false;
        value = value * 10 + (c - ZERO);
      } else if (c === DOT && !dot) {
        dot = true;
      } else {
        return NaN;
      }
    }
    if (digits === 0) return NaN;
    if (!exact || decimals >= POW10.length) return +latin1.decode(b.subarray(from, to));
    const v = decimals === 0 ? value : value / POW10[decimals];
    return negative ? -v : v;
  }

  /** The class id of bytes [from, to), or -1 to give up. */
  private classId(b: Uint8Array, from: number, to: number): number {
    const n = to - from;
    const known = this.classBytes;
    search: for (let k = 0; k < known.length; k++) {
      const c = known[k];
      if (c.length !== n) continue;
      for (let j = 0; j < n; j++) if (c[j] !== b[from + j]) continue search;
      return this.classIds[k];
    }
    if (known.length >= MAX_CLASSES) return -1;
    for (let j = from; j < to; j++) {
      const c = b[j];
      // A comma is a sixth field; quotes and control characters are the general path's to read.
      if (c === COMMA || c === QUOTE || c < 32 || c === 127) return -1;
    }
    let name: string;
    try {
      name = this.decoder.decode(b.subarray(from, to));
    } catch {
      return -1; // not UTF-8: the general path shows what it decodes to
    }
    // U+FFFD counts toward the general path's binary-file check: leave such a file to it.
    if (name.includes('\ufffd')) return -1;
    const id = this.reader!.classIdOfCell(name);
    known.push(b.slice(from, to));
    this.classIds.push(id);
    return id;
  }
}
