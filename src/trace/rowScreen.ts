import { isBlank } from './columns.ts';
import type { RowBatch } from './csvChunks.ts';
import type { RowIssueLog } from './rowIssues.ts';

/** Rows that never reach a pod or a sample without being rejected. */
export interface ScreenTally {
  blankLines: number;
  filteredOut: number;
}

/**
 * The checks every row goes through before its cells are read, in pods and rate mode alike:
 * blank lines are skipped (counted), broken quoting and missing mapped columns are rejected, and
 * rows not matching the filter are counted out. Extra columns are fine. Returns true when the row
 * should be read.
 */
export function screenRow(
  batch: RowBatch,
  k: number,
  minColumns: number,
  filterCol: number,
  filterValue: string,
  tally: ScreenTally,
  rejections: RowIssueLog,
): boolean {
  const row = batch.rows[k];
  if (row.length === 1 && isBlank(row[0])) {
    tally.blankLines++;
    return false;
  }
  if (batch.malformed !== null && batch.malformed.has(k)) {
    rejections.add('malformed quotes', batch, k);
    return false;
  }
  if (row.length < minColumns) {
    rejections.add('too few columns', batch, k);
    return false;
  }
  if (filterCol >= 0) {
    const v = row[filterCol];
    if (v !== filterValue && v.trim() !== filterValue) {
      tally.filteredOut++;
      return false;
    }
  }
  return true;
}
