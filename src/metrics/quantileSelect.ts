/**
 * One R-7 quantile of unsorted values by selection, in linear time: a band-only run of a Monte
 * Carlo study needs each strategy's pending p95 and nothing else of the pending times, and
 * sorting its 24k waits (what `quantiles` does below 65,536 values) was most of its summary's
 * time. Same result as `quantileSorted` on the sorted values (the test's oracle); `values` is used
 * as scratch space (its order changes).
 */
export function quantileBySelection(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  // The same arithmetic as quantile.ts's interpolate, so the result is the same double.
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = select(values, lo);
  // After `select`, every value after position lo is at least the lo-th: the next order
  // statistic is the least of them.
  let b = a;
  if (lo + 1 < n) {
    b = values[lo + 1];
    for (let i = lo + 2; i < n; i++) if (values[i] < b) b = values[i];
  }
  return a + (b - a) * (h - lo);
}

/**
 * The k-th smallest value (0-based), leaving the values before position k at or below it and those
 * after at or above it. Quickselect with a three-way partition (pending times repeat a lot: every
 * pod started by the same ready node waited alike); after too many rounds, the rest is sorted, so
 * an unlucky input costs a sort, never quadratic time. Values are never NaN (pending seconds).
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let rounds = 2 * Math.ceil(Math.log2(a.length + 1)) + 8;
  while (hi > lo) {
    if (--rounds < 0) {
      a.subarray(lo, hi + 1).sort();
      return a[k];
    }
    const pivot = median3(a[lo], a[(lo + hi) >>> 1], a[hi]);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k];
}

function median3(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}
