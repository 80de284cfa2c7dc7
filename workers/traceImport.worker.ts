/**
 * CSV trace import in a Web Worker, so a million-row file never blocks the page. Thin like the
 * simulation worker: read the head for the dialog, import the whole file in chunks (reporting
 * progress between chunks), summarise it, hash it, and return plain data with the PodTable's
 * buffers transferred. Cancelling is the client's job: it terminates this worker.
 */
import * as Comlink from 'comlink';
import { detectClusterExport, detectLayout, importTraceBlob, looksLikeJson, readTraceHead, summarizeTrace, TraceImportError } from '../src/trace/index.ts';
import type { LayoutDetection, TraceImportProgress, TraceImportReport, TraceMappingInput, TraceSummary } from '../src/trace/index.ts';
import { tableBuffers, type PodTable } from '../src/workload/podTable.ts';

export type { TraceImportProgress };

/** What the dialog shows before anything is imported. */
export type HeadOutcome =
  | {
      ok: true;
      fileName: string;
      bytes: number;
      header: string[];
      sampleRows: string[][];
      /** The proposed mapping, or why none could be proposed (the user can still map by hand). */
      detection: LayoutDetection | null;
      detectionError: string | null;
    }
  | { ok: false; message: string };

export type ImportOutcome =
  | {
      ok: true;
      table: PodTable;
      report: TraceImportReport;
      summary: TraceSummary;
      /** Rows after the header, and the SHA-256 of the file's bytes (see src/share/fingerprint.ts). */
      fingerprint: { rows: number; sha256: string };
      elapsedMs: number;
    }
  | { ok: false; message: string };

/** Bytes read to propose a mapping: enough for a header and a couple of hundred rows. */
const HEAD_BYTES = 64 * 1024;
/** Chunk size for the import: about 25 progress reports for a 1M-row (35 MB) file. */
const CHUNK_BYTES = 1 << 20;

function messageOf(error: unknown, fileName: string): string {
  if (error instanceof TraceImportError) return error.message;
  return `${fileName}: ${error instanceof Error ? error.message : String(error)}`;
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function readHead(blob: Blob, fileName: string): Promise<HeadOutcome> {
  try {
    const isWholeFile = blob.size <= HEAD_BYTES;
    const text = new TextDecoder('utf-8').decode(await blob.slice(0, HEAD_BYTES).arrayBuffer());
    // A JSON cluster export has no columns to map: say which export it is, or that it is none.
    if (looksLikeJson(text)) {
      const detection = detectClusterExport(text);
      const detectionError = detection ? null : new TraceImportError('a JSON file, but neither a Prometheus query_range response nor kubectl get pods -o json output', fileName).message;
      return { ok: true, fileName, bytes: blob.size, header: [], sampleRows: [], detection, detectionError };
    }
    const head = readTraceHead(text, { fileName, isWholeFile });
    if (head.header.length === 0) return { ok: false, message: new TraceImportError(isWholeFile ? 'the file is empty' : 'no complete line in the first 64 KB', fileName).message };
    let detection: LayoutDetection | null = null;
    let detectionError: string | null = null;
    try {
      detection = detectLayout(head.header, head.sampleRows, fileName);
    } catch (e) {
      detectionError = messageOf(e, fileName);
    }
    return { ok: true, fileName, bytes: blob.size, header: head.header, sampleRows: head.sampleRows.slice(0, 8), detection, detectionError };
  } catch (e) {
    return { ok: false, message: messageOf(e, fileName) };
  }
}

async function importBlob(blob: Blob, fileName: string, mapping: TraceMappingInput | undefined, onProgress?: (p: TraceImportProgress) => void): Promise<ImportOutcome> {
  const started = performance.now();
  try {
    const result = await importTraceBlob(blob, mapping, { fileName, onProgress, chunkBytes: CHUNK_BYTES });
    const summary = summarizeTrace(result);
    const sha256 = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    const outcome: ImportOutcome = {
      ok: true,
      table: result.table,
      report: result.report,
      summary,
      fingerprint: { rows: result.report.dataRows, sha256 },
      elapsedMs: performance.now() - started,
    };
    return Comlink.transfer(outcome, tableBuffers(result.table));
  } catch (e) {
    return { ok: false, message: messageOf(e, fileName) };
  }
}

const api = {
  /** The header, first rows and proposed mapping of a file; never throws for bad input. */
  readHead(file: Blob, fileName: string): Promise<HeadOutcome> {
    return readHead(file, fileName);
  },

  /** Imports a whole file with `mapping` (or the detected one); bad files come back as `{ ok: false, message }`. */
  importFile(file: Blob, fileName: string, mapping?: TraceMappingInput, onProgress?: (p: TraceImportProgress) => void): Promise<ImportOutcome> {
    return importBlob(file, fileName, mapping, onProgress);
  },

  /** Fetches a trace shipped with the app (a built-in scenario's file) and imports it. */
  async importUrl(url: string, fileName: string, mapping?: TraceMappingInput): Promise<ImportOutcome> {
    let blob: Blob;
    try {
      const response = await fetch(url);
      if (!response.ok) return { ok: false, message: `${fileName}: cannot load the trace (HTTP ${response.status})` };
      blob = await response.blob();
    } catch (e) {
      return { ok: false, message: messageOf(e, fileName) };
    }
    return importBlob(blob, fileName, mapping);
  },
};

export type TraceImportWorkerApi = typeof api;

Comlink.expose(api);
