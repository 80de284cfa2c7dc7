import { TraceImportError } from './errors.ts';
import type { ColumnRef } from './mapping.ts';

/** Header names are matched trimmed and case-insensitively: `CPU_Milli` is `cpu_milli`. */
export function headerKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The 0-based position of a mapped column. A name must be in the header; a position must exist in
 * the header (or, without a header, is trusted: short rows are rejected one by one).
 */
export function resolveColumn(ref: ColumnRef, header: readonly string[] | null, role: string, fileName: string): number {
  const shown = header ? header.map((h) => h.trim()).join(', ') : '(no header)';
  if (typeof ref === 'number') {
    if (header && ref >= header.length) {
      throw new TraceImportError(`no usable column for ${role}: column ${ref + 1} does not exist; the columns are: ${shown}`, fileName);
    }
    return ref;
  }
  if (!header) throw new TraceImportError(`the ${role} column is given by name ("${ref}") but the mapping says the file has no header`, fileName);
  const key = headerKey(ref);
  const index = header.findIndex((h) => headerKey(h) === key);
  if (index < 0) throw new TraceImportError(`no usable column for ${role}: there is no column "${ref}"; the columns are: ${shown}`, fileName);
  return index;
}

/** An empty or whitespace-only cell. Checks the first character first: most cells are not blank. */
export function isBlank(cell: string | undefined): boolean {
  if (cell === undefined || cell.length === 0) return true;
  const c = cell.charCodeAt(0);
  return c <= 32 && cell.trim().length === 0;
}
