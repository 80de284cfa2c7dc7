import type { TraceSource } from '../scenario/workload.ts';

export type TraceRows = NonNullable<TraceSource['rows']>;
export interface Fingerprint {
  rows: number;
  sha256: string;
}

/** SHA-256 of the UTF-8 text as lowercase hex, through Web Crypto (browsers and Node 20). */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export async function sha256Bytes(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Inline rows as the canonical CSV (`arrival_s,duration_s,cpu_m,mem_mib[,class]`, LF, trailing
 * newline). The fingerprint hashes this text, so "save the trace as CSV" and "open the link with
 * that file" agree byte for byte whatever layout the trace was first imported from.
 */
export function rowsToCsv(rows: TraceRows): string {
  const withClass = rows.some((r) => r.length > 4);
  const header = withClass ? 'arrival_s,duration_s,cpu_m,mem_mib,class' : 'arrival_s,duration_s,cpu_m,mem_mib';
  const lines = rows.map((r) => (withClass ? [...r.slice(0, 4), r[4] ?? 'default'] : r.slice(0, 4)).map(csvCell).join(','));
  return `${header}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function fingerprintRows(rows: TraceRows): Promise<Fingerprint> {
  return { rows: rows.length, sha256: await sha256Hex(rowsToCsv(rows)) };
}

export type VerifyResult = { ok: true } | { ok: false; message: string };

/**
 * Checks a CSV file's text against a link's fingerprint. Line endings and a missing final newline
 * are forgiven (editors and Windows change them); any other difference is a different trace.
 */
export async function verifyTraceFile(text: string, fingerprint: Fingerprint, fileName = 'the file'): Promise<VerifyResult> {
  const lf = text.replace(/\r\n?/g, '\n');
  const candidates = new Set([text, lf, lf.endsWith('\n') ? lf : lf + '\n']);
  for (const c of candidates) if ((await sha256Hex(c)) === fingerprint.sha256.toLowerCase()) return { ok: true };
  return {
    ok: false,
    message: `${fileName} is not the trace this scenario was made with (expected ${fingerprint.rows} rows with SHA-256 ${fingerprint.sha256.slice(0, 12)}…, got ${(await sha256Hex(lf)).slice(0, 12)}…)`,
  };
}
