import { closeSync, openSync, readSync } from 'node:fs';
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

/**
 * Reads a trace file for the CLI: synchronously (the CLI has nothing else to do meanwhile) but in
 * chunks, so a large file is never held whole as a string. Detects the layout when no mapping is
 * given. With `strict`, the first rejected row throws "path:line: reason".
 */
export function readTraceFile(path: string, mapping?: TraceMappingInput, options: Omit<TraceImportOptions, 'fileName'> = {}): TraceImportResult {
  const importer = createTraceImporter(mapping, { ...options, fileName: path });
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const buffer = new Uint8Array(READ_BYTES);
    const decoder = new TextDecoder('utf-8');
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, READ_BYTES, null);
      } catch (e) {
        throw cannotRead(path, e);
      }
      if (n === 0) break;
      importer.push(decoder.decode(buffer.subarray(0, n), { stream: true }));
    }
    importer.push(decoder.decode());
  } finally {
    closeSync(fd);
  }
  return importer.finish();
}
