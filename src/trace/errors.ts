/**
 * A trace file that cannot be imported at all (empty, binary, no usable column, invalid mapping),
 * or, in strict mode, the first rejected row. Row problems are otherwise collected in the import
 * report instead of thrown, so one bad line does not cost the user the whole file.
 */
export class TraceImportError extends Error {
  override readonly name = 'TraceImportError';

  constructor(
    message: string,
    /** The file the problem is in, as the user knows it (path or upload name). */
    readonly fileName: string,
    /** 1-based line in the file, only for row errors in strict mode. */
    readonly line?: number,
  ) {
    super(line === undefined ? `${fileName}: ${message}` : `${fileName}:${line}: ${message}`);
  }
}
