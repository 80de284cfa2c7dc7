/**
 * How the result notes (limits, capacity, headroom, provisioning) write their numbers, so the
 * sentences under the CLI table and under the app's verdict read alike.
 */

/** A whole count with thousands separators: 12345.6 -> "12,346". */
export const count = (v: number): string => Math.round(v).toLocaleString('en-US');

/** Seconds as hours with at most one decimal: 5400 -> "1.5", 7200 -> "2". */
export const hours = (seconds: number): string => (seconds / 3600).toLocaleString('en-US', { maximumFractionDigits: 1 });
