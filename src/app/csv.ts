/**
 * CSV writing (RFC 4180) that is safe to open in a spreadsheet: a cell starting with =, +, - or @
 * (also after leading tab or carriage return, which some programs strip) is prefixed with a
 * single quote so it is shown as text and never evaluated as a formula (OWASP "CSV injection").
 * Numbers are written as numbers: a negative number is data, not a formula.
 */
export function escapeCsvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export type CsvCell = string | number | boolean | null | undefined;

/** Rows to CSV text with CRLF line ends (what spreadsheets expect). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
}
