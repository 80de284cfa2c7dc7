/**
 * cluster-autoscaler's utilization test for one resource, `(allocatable - free) / allocatable <
 * threshold`, as a single comparison on the free room: the least free amount (a double) that
 * passes it. Computed once per node shape, so the test that runs on every pod bind and finish
 * (`NodePool.updateUtilization`) is `free >= leastFree` instead of a subtraction and a division.
 *
 * Exact, not an approximation: in floating point, `a - f` is non-increasing in `f` and `x / a`
 * (a > 0) non-decreasing in `x` (rounding preserves order), so the set of doubles `f` passing the
 * test is an upper set; a bisection over the doubles, in their order, finds its least element.
 * Then `free >= leastFree` gives exactly the test's answer for every double `free`. Undefined when
 * `allocatable` is not positive and finite (no such cut need exist then).
 */
export function leastFreeUnder(allocatable: number, threshold: number): number | undefined {
  const passes = (free: number) => (allocatable - free) / allocatable < threshold;
  // The order argument needs a positive, finite divisor: otherwise there may be no single cut.
  if (!(allocatable > 0 && allocatable < Infinity)) return undefined;
  if (passes(-Infinity)) return -Infinity;
  // Passes for no double: NaN compares false with every one.
  if (!passes(Infinity)) return NaN;
  // Invariant: the double with key `lo` fails, the one with key `hi` passes.
  let lo = keyOf(-Infinity);
  let hi = keyOf(Infinity);
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (passes(doubleOf(mid))) hi = mid;
    else lo = mid;
  }
  return doubleOf(hi);
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const MAGNITUDE = 0x7fffffffffffffffn;
const SIGN = -0x8000000000000000n;

/** An integer in the doubles' order (-0 and +0 both 0; no NaN between -Infinity and Infinity). */
function keyOf(d: number): bigint {
  f64[0] = d;
  const bits = i64[0];
  return bits < 0n ? -(bits & MAGNITUDE) : bits;
}

function doubleOf(key: bigint): number {
  i64[0] = key < 0n ? -key | SIGN : key;
  return f64[0];
}
