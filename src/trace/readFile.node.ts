import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CanonicalFastImport } from './canonicalFast.ts';
import { TraceImportError } from './errors.ts';
import { createTraceImporter, type TraceImportOptions } from './importer.ts';
import type { TraceMappingInput } from './mapping.ts';
import type { TraceImportResult } from './report.ts';

const READ_BYTES = 4 << 20;

function cannotRead(path: string, e: unknown): TraceImportError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
  return new TraceImportError(`cannot read the trace: ${why}`, path);
}

/** Reads the file from its first byte in chunks, handing each to `take` until it returns false. */
function readChunks(path: string, take: (bytes: Uint8Array) => boolean): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    // One buffer for every chunk: both readers copy what they keep (a cut line, decoded text).
    const buffer = new Uint8Array(READ_BYTES);
    for (let position = 0; ; ) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, READ_BYTES, position);
      } catch (e) {
        throw cannotRead(path, e);
      }
      if (n === 0) break;
      position += n;
      if (!take(buffer.subarray(0, n))) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a trace file for the CLI: synchronously (the CLI has nothing else to do meanwhile) but in
 * chunks, so a large file is never held whole as a string. Detects the layout when no mapping is
 * given. With `strict`, the first rejected row throws "path:line: reason".
 *
 * Without a mapping, the canonical layout is read first by the byte-level fast path
 * (canonicalFast.ts); when it gives up (anything it is not sure of), the file is read again from
 * the start by the general importer, which then reads it as it always did.
 */
export function readTraceFile(path: string, mapping?: TraceMappingInput, options: Omit<TraceImportOptions, 'fileName'> = {}): TraceImportResult {
  if (mapping === undefined) {
    let expectedBytes = 0;
    try {
      expectedBytes = statSync(path).size;
    } catch {
      // Unknown size: the table grows as rows come (readChunks says why the file cannot be read).
    }
    const fast = new CanonicalFastImport({ fileName: path, strict: options.strict, expectedBytes });
    readChunks(path, (bytes) => fast.push(bytes));
    const result = fast.finish();
    if (result) return result;
  }
  const importer = createTraceImporter(mapping, { ...options, fileName: path });
  const decoder = new TextDecoder('utf-8');
  readChunks(path, (bytes) => {
    importer.push(decoder.decode(bytes, { stream: true }));
    return true;
  });
  importer.push(decoder.decode());
  return importer.finish();
}
