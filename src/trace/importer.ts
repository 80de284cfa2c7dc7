import { isBlank } from './columns.ts';
import { CsvChunkParser, type RowBatch } from './csvChunks.ts';
import { detectLayout, unitQuestions, type LayoutDetection } from './detect.ts';
import { TraceImportError } from './errors.ts';
import { TraceMapping, type CsvMapping, type TraceMappingInput } from './mapping.ts';
import { importClusterExport } from './clusterExport.ts';
import { looksLikeJson } from './jsonTrace.ts';
import { PodRowReader } from './podRows.ts';
import { RateRowReader, type RateSeriesOutcome } from './rateSeries.ts';
import { RequestLogReader, type RequestLogReport } from './requestLog.ts';
import type { TraceImportReport, TraceImportResult } from './report.ts';
import { RowIssueLog } from './rowIssues.ts';
import { podsEndingAtTraceEnd, SimplificationTally } from './simplifications.ts';
import { unitSanityWarnings } from './unitSanity.ts';

export interface TraceImportOptions {
  /** How messages name the file: a path in the CLI, the upload's name in the app. */
  fileName?: string;
  /** Throw on the first rejected row ("file:line: reason") instead of reporting it. */
  strict?: boolean;
}

export interface TraceImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

/**
 * An import fed piece by piece: a Web Worker pushes File chunks and reports progress between
 * them, the CLI pushes a read stream, tests push strings. Pieces may cut rows anywhere.
 */
export interface TraceImporter {
  push(text: string): void;
  finish(): TraceImportResult;
  /** Rows parsed so far, header included (for progress). */
  readonly rowsRead: number;
}

/** Rows looked at to detect the layout when no mapping is given. */
const DETECTION_SAMPLE_ROWS = 200;
const BLOB_CHUNK_BYTES = 4 << 20;

function validateMapping(input: TraceMappingInput, fileName: string): TraceMapping {
  const parsed = TraceMapping.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new TraceImportError(`invalid column mapping: ${problems}`, fileName);
  }
  return parsed.data;
}

const isBlankRow = (row: readonly string[]) => row.length === 1 && isBlank(row[0]);

class TraceImportSession implements TraceImporter {
  private readonly fileName: string;
  private readonly csv: CsvChunkParser;
  private readonly rejections: RowIssueLog;
  private readonly warnings: RowIssueLog;
  private mapping: CsvMapping | null;
  private detection: LayoutDetection | null = null;
  private reader: PodRowReader | RateRowReader | RequestLogReader | null = null;
  /** Batches held back until enough rows are in to detect the layout. */
  private held: RowBatch[] = [];
  private heldRows = 0;
  private rows = 0;
  private leadingBlankLines = 0;
  /** Position of the first non-blank row (the header, usually) in the first held batch. */
  private firstRow = 0;

  constructor(mapping: TraceMapping | null, options: TraceImportOptions) {
    this.fileName = options.fileName ?? 'trace';
    if (mapping && (mapping.kind === 'prometheus-query-range' || mapping.kind === 'kubectl-pods')) {
      throw new TraceImportError(`the mapping is for a JSON export (kind "${mapping.kind}"), but the file is not JSON`, this.fileName);
    }
    this.mapping = mapping;
    this.rejections = new RowIssueLog(this.fileName, options.strict);
    this.warnings = new RowIssueLog(this.fileName);
    this.csv = new CsvChunkParser(this.fileName, (batch) => this.onBatch(batch));
  }

  get rowsRead(): number {
    return this.rows;
  }

  push(text: string): void {
    this.csv.push(text);
  }

  private onBatch(batch: RowBatch): void {
    this.rows += batch.rows.length;
    if (this.held.length === 0 && !this.reader) {
      // Blank lines before the header (or the first data line) are skipped, and counted.
      let k = 0;
      while (k < batch.rows.length && isBlankRow(batch.rows[k])) k++;
      this.leadingBlankLines += k;
      if (k === batch.rows.length) return;
      this.firstRow = k;
    }
    if (this.reader) {
      this.reader.read(batch, 0);
      return;
    }
    this.held.push(batch);
    this.heldRows += batch.rows.length;
    if (this.mapping || this.heldRows > DETECTION_SAMPLE_ROWS) this.startReading();
  }

  /** Detects the layout if needed, then reads the held batches. */
  private startReading(): void {
    const first = this.held[0].rows[this.firstRow];
    if (!this.mapping) {
      const samples: string[][] = [];
      this.held.forEach((b, i) => {
        for (let k = i === 0 ? this.firstRow + 1 : 0; k < b.rows.length && samples.length < DETECTION_SAMPLE_ROWS; k++) {
          if (!isBlankRow(b.rows[k])) samples.push(b.rows[k]);
        }
      });
      this.detection = detectLayout(first, samples, this.fileName);
      // A unit the values leave open is the user's call, never a silent pick.
      const question = unitQuestions(this.detection)[0];
      if (question) {
        throw new TraceImportError(
          `column "${question.column}": the unit is unclear (${question.guess.choices.join(' or ')}?): ${question.guess.reason}; give the unit in a column mapping (CLI: --mapping FILE)`,
          this.fileName,
        );
      }
      // CSV detection proposes CSV mappings only.
      this.mapping = this.detection.mapping as CsvMapping;
    }
    const m: CsvMapping = this.mapping;
    const header = m.header ? first : null;
    this.reader =
      m.kind === 'pods'
        ? Object.assign(new PodRowReader(m, header, this.fileName, this.rejections, this.warnings), { tally: SimplificationTally.forHeader(header, m) })
        : m.kind === 'rate'
          ? new RateRowReader(m, header, this.fileName, this.rejections)
          : new RequestLogReader(m, header, this.fileName, this.rejections);
    const held = this.held;
    this.held = [];
    held.forEach((batch, i) => this.reader!.read(batch, i === 0 ? this.firstRow + (m.header ? 1 : 0) : 0));
  }

  finish(): TraceImportResult {
    this.csv.end();
    if (!this.csv.hasContent) throw new TraceImportError('the file is empty', this.fileName);
    if (!this.reader) {
      if (this.held.length === 0) throw new TraceImportError('the file is empty', this.fileName);
      const nonBlank = this.held.reduce((n, b) => n + b.rows.filter((r) => !isBlankRow(r)).length, 0);
      if (nonBlank <= 1 && (this.mapping?.header ?? true)) throw new TraceImportError('the file has a header row but no data rows', this.fileName);
      this.startReading();
    }
    const reader = this.reader!;
    const mapping = this.mapping!;
    const dataRows = reader.accepted + this.rejections.total + reader.filteredOut;
    if (dataRows === 0) {
      throw new TraceImportError(mapping.header ? 'the file has a header row but no data rows' : 'the file has no data rows', this.fileName);
    }
    const base = {
      fileName: this.fileName,
      layout: this.detection?.layout ?? ('custom' as const),
      mapping,
      notes: this.detection?.notes ?? [],
      units: this.detection?.units,
      delimiter: this.csv.detectedDelimiter,
      dataRows,
      accepted: reader.accepted,
      rejected: this.rejections.total,
      filteredOut: reader.filteredOut,
      blankLines: this.leadingBlankLines + reader.blankLines,
      rejections: this.rejections.list(),
      warnings: this.warnings.list(),
    };
    if (reader instanceof PodRowReader) {
      const out = reader.finish();
      // Only a written end time can be the cut written as an end; start + duration meeting the
      // trace end is a coincidence (the GenAI request log has two).
      const endAtTraceEnd = mapping.kind === 'pods' && mapping.end ? podsEndingAtTraceEnd(out.table, out.censored.end) : 0;
      const simplified = reader.tally?.result(endAtTraceEnd) ?? { endAtTraceEnd, neverScheduled: null, gpu: null };
      const censored = { start: out.censored.start, end: out.censored.end + endAtTraceEnd };
      const unitWarnings = mapping.kind === 'pods' ? unitSanityWarnings(out.table, mapping) : [];
      // Warnings listed after finish: the negative-start warning is only known once the trace start is.
      const report: TraceImportReport = { ...base, warnings: this.warnings.list(), censored, origin: out.origin, pods: out.table.count, simplified, unitWarnings };
      return { table: out.table, report };
    }
    const out: RateSeriesOutcome & { requests?: RequestLogReport } = reader.finish();
    const report: TraceImportReport = {
      ...base,
      censored: { start: 0, end: 0 },
      origin: out.origin,
      pods: out.table.count,
      rate: { samples: out.samples, syncs: out.syncs, peakReplicas: out.peakReplicas, scaleUps: out.scaleUps, scaleDowns: out.scaleDowns },
      ...(out.requests ? { requests: out.requests } : {}),
    };
    return { table: out.table, report };
  }
}

/**
 * Starts an import. Without a mapping the layout is detected from the header and the first rows.
 * Throws TraceImportError for an invalid mapping here, and for unusable files from push/finish.
 */
export function createTraceImporter(mapping?: TraceMappingInput, options: TraceImportOptions = {}): TraceImporter {
  const validatedMapping = mapping === undefined ? null : validateMapping(mapping, options.fileName ?? 'trace');
  return new FormatSniffer(validatedMapping, options);
}

/**
 * Holds the first pieces until the first character that is not a BOM or whitespace says what the
 * file is: `{` or `[` is a JSON cluster export (read whole, clusterExport.ts), anything else CSV
 * (read row by row as it streams).
 */
class FormatSniffer implements TraceImporter {
  private inner: TraceImporter | null = null;
  private head = '';

  constructor(
    private readonly mapping: TraceMapping | null,
    private readonly options: TraceImportOptions,
  ) {}

  get rowsRead(): number {
    return this.inner?.rowsRead ?? 0;
  }

  push(text: string): void {
    if (this.inner) return this.inner.push(text);
    this.head += text;
    if (/[^\s\uFEFF]/.test(this.head)) this.choose();
  }

  private choose(): void {
    this.inner = looksLikeJson(this.head) ? new JsonExportSession(this.mapping, this.options) : new TraceImportSession(this.mapping, this.options);
    const head = this.head;
    this.head = '';
    this.inner.push(head);
  }

  finish(): TraceImportResult {
    if (!this.inner) this.choose();
    return this.inner!.finish();
  }
}

/** A JSON export: its text is kept until the end, then parsed whole. */
class JsonExportSession implements TraceImporter {
  private readonly pieces: string[] = [];

  constructor(
    private readonly mapping: TraceMapping | null,
    private readonly options: TraceImportOptions,
  ) {}

  get rowsRead(): number {
    return 0;
  }

  push(text: string): void {
    this.pieces.push(text);
  }

  finish(): TraceImportResult {
    return importClusterExport(this.pieces.join(''), this.mapping, { fileName: this.options.fileName ?? 'trace', strict: this.options.strict ?? false });
  }
}

/** Imports a whole file held as a string (parsed in slices all the same, see CsvChunkParser). */
export function importTraceText(text: string, mapping?: TraceMappingInput, options: TraceImportOptions = {}): TraceImportResult {
  const importer = createTraceImporter(mapping, options);
  importer.push(text);
  return importer.finish();
}

/**
 * Imports a File or Blob (browser, Web Worker, or Node 20) chunk by chunk, decoding UTF-8 across
 * chunk boundaries, and reports progress after each chunk. The file name defaults to the File's.
 */
export async function importTraceBlob(
  blob: Blob,
  mapping?: TraceMappingInput,
  options: TraceImportOptions & { onProgress?: (progress: TraceImportProgress) => void; chunkBytes?: number } = {},
): Promise<TraceImportResult> {
  const chunkBytes = options.chunkBytes ?? BLOB_CHUNK_BYTES;
  const fileName = options.fileName ?? ('name' in blob && typeof blob.name === 'string' ? blob.name : undefined);
  const importer = createTraceImporter(mapping, { ...options, fileName });
  const decoder = new TextDecoder('utf-8');
  for (let offset = 0; offset < blob.size; offset += chunkBytes) {
    const bytes = new Uint8Array(await blob.slice(offset, offset + chunkBytes).arrayBuffer());
    importer.push(decoder.decode(bytes, { stream: true }));
    options.onProgress?.({ bytesRead: Math.min(blob.size, offset + chunkBytes), totalBytes: blob.size, rowsRead: importer.rowsRead });
  }
  importer.push(decoder.decode());
  return importer.finish();
}

/**
 * The header and first rows of a file, for the import dialog to show and to pass to detectLayout
 * before the whole file is read. `text` may be just the start of the file; its last, possibly
 * cut, line is then left out.
 */
export function readTraceHead(text: string, options: { fileName?: string; isWholeFile?: boolean; maxRows?: number } = {}): { header: string[]; sampleRows: string[][] } {
  const maxRows = options.maxRows ?? DETECTION_SAMPLE_ROWS;
  const rows: string[][] = [];
  const csv = new CsvChunkParser(options.fileName ?? 'trace', (batch) => {
    for (const r of batch.rows) if (rows.length <= maxRows && !isBlankRow(r)) rows.push(r);
  });
  csv.push(text);
  if (options.isWholeFile) csv.end();
  if (rows.length === 0) {
    if (!csv.hasContent && options.isWholeFile) throw new TraceImportError('the file is empty', options.fileName ?? 'trace');
    return { header: [], sampleRows: [] };
  }
  return { header: rows[0], sampleRows: rows.slice(1) };
}
