import { isBlank } from './columns.ts';
import type { RowBatch } from './csvChunks.ts';
import { plainNumber } from './plainNumber.ts';
import type { RowIssueLog } from './rowIssues.ts';
import type { InstantFormat } from './mapping.ts';
import { parseInstant } from './time.ts';

/**
 * The cells a sample row (a rate series or a request log) is read from. Each returns NaN after
 * logging why the row is rejected, so both readers name the same reasons for the same faults.
 */

/** Row k's time in `format`, or NaN ('time missing' / 'time not a date' / 'time not a number'). */
export function timeCell(batch: RowBatch, k: number, col: number, format: InstantFormat, rejections: RowIssueLog): number {
  const text = batch.rows[k][col];
  if (isBlank(text)) {
    rejections.add('time missing', batch, k);
    return NaN;
  }
  const time = parseInstant(text, format);
  if (!Number.isFinite(time)) rejections.add(format === 'datetime' ? 'time not a date' : 'time not a number', batch, k);
  return time;
}

/** Row k's plain number >= 0 in `col`, or NaN ('<what> missing' / '<what> not a number' / 'negative <what>'). */
export function nonNegativeCell(batch: RowBatch, k: number, col: number, what: string, rejections: RowIssueLog): number {
  const text = batch.rows[k][col];
  if (isBlank(text)) {
    rejections.add(`${what} missing`, batch, k);
    return NaN;
  }
  const value = plainNumber(text);
  if (!Number.isFinite(value)) {
    rejections.add(`${what} not a number`, batch, k);
    return NaN;
  }
  if (value < 0) {
    rejections.add(`negative ${what}`, batch, k);
    return NaN;
  }
  return value;
}
