/** The numbers in an SVG path string, to compare with toBeCloseTo. */
export function pathNumbers(d: string): number[] {
  return (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
}

export function expectClose(actual: number[], expected: number[], digits = 3): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}: ${actual.join(',')}`);
  actual.forEach((v, i) => {
    if (Math.abs(v - expected[i]) > 10 ** -digits) throw new Error(`item ${i}: ${v} != ${expected[i]} in ${actual.join(',')}`);
  });
}
