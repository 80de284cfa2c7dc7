import Papa from 'papaparse';
import { TraceImportError } from './errors.ts';

/**
 * Turns CSV text arriving in chunks of any size (a string cut in slices, File chunks in a Web
 * Worker, a Node read stream) into batches of rows. Rows are papaparse's arrays of strings (array
 * mode: no per-row header objects). A row cut in two by a chunk boundary is carried over to the
 * next chunk, quoted newlines included.
 *
 * Line numbers and raw text of a row are only worked out on request, because they are only needed
 * for the few rows the report quotes; the hot path pays nothing for them.
 *
 * Line breaks are read per line, not per file: CRLF, LF and a lone CR (old Mac) all end a line,
 * as in Python's universal newlines. papaparse takes one newline style for the whole file (from
 * its first line), so a file with a CRLF header and LF rows (a header pasted from Windows, rows
 * appended by a script) became one long row. The text is normalised to LF before papaparse sees it.
 */

export interface RowBatch {
  readonly rows: string[][];
  /** Indices of rows whose quoting papaparse found broken, or null when there are none. */
  readonly malformed: ReadonlySet<number> | null;
  /** 1-based line in the file where row `k` starts. */
  line(k: number): number;
  /** The row as it is written in the file (without its line break), cut at 500 characters. */
  text(k: number): string;
}

const BOM = '\ufeff';
const QUOTE = '"';
const SNIFF_CHARS = 4096;
const PARSE_SLICE_CHARS = 1 << 18;
const MAX_EXAMPLE_CHARS = 500;
const DELIMITER_CANDIDATES = [',', ';', '\t', '|'];

/**
 * Text that is not CSV: NUL bytes, or more than 10 % control characters / undecodable bytes
 * (U+FFFD, what TextDecoder makes of invalid UTF-8) in the first few kilobytes.
 */
export function looksBinary(sample: string): boolean {
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd > sample.length * 0.1;
}

/** Every line break papaparse is given: the text is normalised to it first. */
const NEWLINE = '\n';
/** CRLF or a lone CR: both become LF. */
const CR_BREAK = /\r\n?/g;

/** The candidate delimiter appearing most often outside quotes in the first line (comma if none). */
function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (const ch of firstLine) {
    if (ch === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && DELIMITER_CANDIDATES.includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITER_CANDIDATES) {
    const c = counts.get(d) ?? 0;
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

function countOccurrences(text: string, needle: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1 && i < end; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

/** A row as quoted in the report: cut at 500 characters. */
export function clip(text: string): string {
  return text.length > MAX_EXAMPLE_CHARS ? text.slice(0, MAX_EXAMPLE_CHARS) + '…' : text;
}

export class CsvChunkParser {
  private pending = '';
  private parser: Papa.Parser | null = null;
  private checkedText = false;
  private sniffed = false;
  private delimiter = ',';
  /** A CR that ended the previous slice: it may be the first half of a CRLF cut by the slice boundary. */
  private carriedCR = false;
  private nextLine = 1;
  private sawContent = false;
  /**
   * When a parse finds no complete row (a long row, or a quote that never closes), the next try
   * waits until the pending text has doubled, so an unterminated quote early in a big file costs
   * linear time rather than a re-parse of everything after it for every chunk.
   */
  private retryAt = 0;

  constructor(
    private readonly fileName: string,
    private readonly onBatch: (batch: RowBatch) => void,
  ) {}

  /** True once any non-blank text has been seen (to tell an empty file from a header-only one). */
  get hasContent(): boolean {
    return this.sawContent;
  }

  get detectedDelimiter(): string {
    return this.delimiter;
  }

  push(chunk: string): void {
    // Parsing in slices keeps each slice's row arrays small enough to die young: the garbage
    // collector's cheap young-generation pass clears them instead of a full mark-compact.
    for (let i = 0; i < chunk.length; i += PARSE_SLICE_CHARS) this.pushSlice(i === 0 && chunk.length <= PARSE_SLICE_CHARS ? chunk : chunk.slice(i, i + PARSE_SLICE_CHARS));
  }

  private pushSlice(chunk: string): void {
    if (chunk.length === 0) return;
    if (!this.sniffed && this.pending.length === 0 && !this.carriedCR && chunk.startsWith(BOM)) chunk = chunk.slice(1);
    chunk = this.normaliseLineBreaks(chunk);
    if (chunk.length === 0) return;
    this.pending += chunk;
    if (!this.sniffed) {
      // Binary files are caught from their first kilobytes, newline or not.
      if (!this.checkedText && (this.pending.length >= SNIFF_CHARS || this.hasCompleteFirstLine())) this.checkText();
      if (!this.hasCompleteFirstLine()) return;
      this.sniff();
    }
    if (this.pending.length < this.retryAt) return;
    this.parse(false);
  }

  end(): void {
    if (this.carriedCR) {
      this.carriedCR = false;
      this.pending += NEWLINE;
    }
    if (!this.checkedText) this.checkText();
    if (!this.sniffed) this.sniff();
    this.parse(true);
  }

  /**
   * CRLF and lone CR to LF. A CR at the end of the slice is held back until the next slice shows
   * whether an LF follows it, so a CRLF cut in two is still one line break.
   */
  private normaliseLineBreaks(chunk: string): string {
    if (this.carriedCR) {
      this.carriedCR = false;
      chunk = '\r' + chunk;
    }
    if (chunk.indexOf('\r') === -1) return chunk;
    if (chunk.charCodeAt(chunk.length - 1) === 13) {
      this.carriedCR = true;
      chunk = chunk.slice(0, -1);
    }
    return chunk.replace(CR_BREAK, NEWLINE);
  }

  private hasCompleteFirstLine(): boolean {
    return this.pending.indexOf(NEWLINE) !== -1;
  }

  private checkText(): void {
    this.checkedText = true;
    if (looksBinary(this.pending.slice(0, SNIFF_CHARS))) {
      throw new TraceImportError('looks like a binary file, not CSV text', this.fileName);
    }
  }

  /** The delimiter, from the first line. */
  private sniff(): void {
    this.sniffed = true;
    const firstBreak = this.pending.indexOf(NEWLINE);
    this.delimiter = detectDelimiter(firstBreak === -1 ? this.pending : this.pending.slice(0, firstBreak));
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: NEWLINE, quoteChar: QUOTE });
  }

  private parse(final: boolean): void {
    const text = this.pending;
    if (text.length === 0) return;
    if (!this.sawContent && text.trim().length > 0) this.sawContent = true;
    const parser = this.parser!;
    const result = parser.parse(text, 0, !final) as Papa.ParseResult<string[]>;
    if (final && result.errors.some((e) => e.code === 'MissingQuotes')) {
      this.recoverFromUnclosedQuote(text);
      return;
    }
    const consumed = final ? text.length : result.meta.cursor;
    this.pending = final ? '' : text.slice(consumed);
    const rows = result.data;
    // A final line break leaves one empty "row" after it; it is not a blank line of the file.
    if (final && text.endsWith(NEWLINE) && rows.length && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
    this.retryAt = rows.length === 0 && !final ? text.length * 2 : 0;
    this.emit(rows, result.errors, text, consumed);
  }

  /**
   * A quote that never closes would make the rest of the file one field. Instead its line alone
   * becomes a malformed row and reading goes on from the next line.
   */
  private recoverFromUnclosedQuote(text: string): void {
    const before = this.parser!.parse(text, 0, true) as Papa.ParseResult<string[]>;
    const brokenStart = before.meta.cursor;
    this.emit(before.data, before.errors, text, brokenStart);
    const lineEnd = text.indexOf(NEWLINE, brokenStart);
    const broken = lineEnd === -1 ? text.slice(brokenStart) : text.slice(brokenStart, lineEnd);
    this.onBatch(new PlainBatch([broken.split(this.delimiter)], new Set([0]), this.nextLine, this.delimiter));
    this.nextLine++;
    this.pending = '';
    this.retryAt = 0;
    if (lineEnd !== -1) {
      this.push(text.slice(lineEnd + NEWLINE.length));
      this.parse(true);
    }
  }

  private emit(rows: string[][], errors: Papa.ParseError[], text: string, consumed: number): void {
    if (rows.length === 0) return;
    const firstLine = this.nextLine;
    const quoted = text.indexOf(QUOTE) !== -1;
    // Without quotes every row is exactly one line; with them a field may hold line breaks.
    this.nextLine += quoted ? countOccurrences(text, NEWLINE, consumed) : rows.length;
    const malformed = errors.length ? new Set(errors.map((e) => e.row ?? rows.length - 1)) : null;
    this.onBatch(quoted ? new QuotedBatch(rows, malformed, firstLine, text, consumed, this.delimiter) : new PlainBatch(rows, malformed, firstLine, this.delimiter));
  }
}

class PlainBatch implements RowBatch {
  constructor(
    readonly rows: string[][],
    readonly malformed: ReadonlySet<number> | null,
    private readonly firstLine: number,
    private readonly delimiter: string,
  ) {}

  line(k: number): number {
    return this.firstLine + k;
  }

  text(k: number): string {
    return clip(this.rows[k].join(this.delimiter));
  }
}

/** A batch whose text has quotes: row positions come from a quote-aware scan, done once, lazily. */
class QuotedBatch implements RowBatch {
  private starts: number[] | null = null;
  private lines: number[] | null = null;

  constructor(
    readonly rows: string[][],
    readonly malformed: ReadonlySet<number> | null,
    private readonly firstLine: number,
    private readonly source: string,
    private readonly end: number,
    private readonly delimiter: string,
  ) {}

  line(k: number): number {
    this.locate();
    return this.lines![Math.min(k, this.lines!.length - 1)];
  }

  text(k: number): string {
    this.locate();
    const starts = this.starts!;
    if (k >= starts.length) return clip(this.rows[k].join(this.delimiter));
    let stop = k + 1 < starts.length ? starts[k + 1] - NEWLINE.length : this.end;
    if (stop < starts[k]) stop = starts[k];
    const raw = this.source.slice(starts[k], Math.min(stop, this.end));
    return clip(raw.endsWith(NEWLINE) ? raw.slice(0, -NEWLINE.length) : raw);
  }

  /** Row starts as papaparse sees them: a quote opens a field only at its start; "" is a quote. */
  private locate(): void {
    if (this.starts) return;
    const s = this.source;
    const { delimiter, end } = this;
    const newline = NEWLINE;
    const starts = [0];
    let i = 0;
    let fieldStart = true;
    while (i < end) {
      if (fieldStart && s[i] === QUOTE) {
        i++;
        for (;;) {
          const q = s.indexOf(QUOTE, i);
          if (q === -1 || q >= end) {
            i = end;
            break;
          }
          if (s[q + 1] === QUOTE) {
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        fieldStart = false;
      } else if (s.startsWith(delimiter, i)) {
        i += delimiter.length;
        fieldStart = true;
      } else if (s.startsWith(newline, i)) {
        i += newline.length;
        if (i < end) starts.push(i);
        fieldStart = true;
      } else {
        i++;
        fieldStart = false;
      }
    }
    const lines = new Array<number>(starts.length);
    let line = this.firstLine;
    for (let k = 0; k < starts.length; k++) {
      if (k > 0) line += countOccurrences(s.slice(starts[k - 1], starts[k]), NEWLINE, starts[k] - starts[k - 1]);
      lines[k] = line;
    }
    this.starts = starts;
    this.lines = lines;
  }
}
