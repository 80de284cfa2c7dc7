/**
 * A number cell as a trace writes it: decimal, optionally signed, with a point or an exponent.
 * JavaScript's `+text` also reads `0x10` as 16, `0b11` as 3 and `0o17` as 15; no trace tool
 * writes those, so such a cell is far more likely an id or a typo than a request, and reading it
 * as a number would import a wrong pod without a word. Returns NaN for them, as for any text that
 * is not a number, and leaves the caller to reject the row.
 */
export function plainNumber(text: string): number {
  const v = +text;
  if (v !== v) return v;
  // `+` accepts a radix prefix only unsigned and at the start (after whitespace): "0x", "0b", "0o".
  let i = 0;
  while (text.charCodeAt(i) <= 32 && i < text.length) i++;
  if (text.charCodeAt(i) === 48 /* 0 */) {
    const c = text.charCodeAt(i + 1) | 32; // lower case
    if (c === 120 /* x */ || c === 98 /* b */ || c === 111 /* o */) return NaN;
  }
  return v;
}
