import Papa from 'papaparse';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * Text cells starting with =, +, - or @ (also tab or carriage return, which some programs strip)
 * get a leading apostrophe (and quotes) from papaparse, so a spreadsheet shows them as text and
 * never evaluates them (OWASP "CSV injection"). papaparse tests only strings: numbers stay
 * numbers, so a negative number is written as -5.25, data rather than a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Non-finite numbers have no CSV spelling a spreadsheet reads: an empty cell, not "NaN". */
const cellValue = (v: CsvCell): CsvCell => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** Rows to CSV text through papaparse, one line end after every row (CRLF by default: what spreadsheets expect). */
export function toCsv(rows: readonly (readonly CsvCell[])[], newline: '\r\n' | '\n' = '\r\n'): string {
  if (rows.length === 0) return '';
  return Papa.unparse(rows.map((row) => row.map(cellValue)), { escapeFormulae: FORMULA_START, newline }) + newline;
}

/** One cell as toCsv writes it. */
export function escapeCsvCell(value: CsvCell): string {
  return toCsv([[value]], '\n').slice(0, -1);
}
