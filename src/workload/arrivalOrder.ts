/**
 * The order that sorts pods by arrival, ties kept in insertion order.
 *
 * A comparator sort of an index array calls back into JavaScript n log n times, which a cold
 * worker runs in its interpreter; a radix sort in JavaScript still makes a dozen passes. Here the
 * engine's native sort does the work: each pod becomes one 64-bit integer, its arrival's bits (in
 * an order-preserving form) with the lowest bits replaced by the pod's index, and a
 * BigUint64Array sorts those natively. The index makes the keys unique and ties come out in
 * index order. Dropping the lowest arrival bits can only reorder arrivals that agree in all the
 * others (within about 1e-10 of each other, relatively); each such group is put right with a
 * comparator sort of just that group. 25k pods: 2 ms; 1M: about 100 ms.
 *
 * A double's bits order like the number once the sign is handled: a non-negative double gets its
 * sign bit set, a negative one has all bits flipped. -0 counts as 0. NaN is not expected
 * (arrivals are validated finite).
 */
export function arrivalOrder(arrival: Float64Array, n: number = arrival.length): Uint32Array {
  const indexBits = n <= 1 ? 1 : 32 - Math.clz32(n - 1);
  // Low-word bits holding the index; the rest of the word and the high word hold the arrival.
  const indexMask = indexBits >= 32 ? 0xffffffff : (1 << indexBits) - 1;
  const words = new Uint32Array(2 * n);
  const { high, low } = wordOrder();
  fillKeys(arrival, n, words, high, low, indexMask);
  new BigUint64Array(words.buffer).sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = (words[2 * k + low] & indexMask) >>> 0;
  fixTruncatedGroups(arrival, order, words, high, low, indexMask);
  return order;
}

/** Which 32-bit word of a 64-bit value is the high one on this platform (same for doubles and BigInts). */
function wordOrder(): { high: number; low: number } {
  const probe = new Uint32Array(new BigUint64Array([1n]).buffer);
  return probe[0] === 1 ? { high: 1, low: 0 } : { high: 0, low: 1 };
}

function fillKeys(arrival: Float64Array, n: number, words: Uint32Array, high: number, low: number, indexMask: number): void {
  const cell = new Float64Array(1);
  const bits = new Uint32Array(cell.buffer);
  const keep = ~indexMask;
  for (let i = 0; i < n; i++) {
    cell[0] = arrival[i] + 0; // -0 + 0 is +0
    const h = bits[high];
    const l = bits[low];
    const negative = h >>> 31;
    words[2 * i + high] = negative ? ~h : h | 0x80000000;
    words[2 * i + low] = ((negative ? ~l : l) & keep) | i;
  }
}

/**
 * Pods whose keys agree above the index bits may still differ in the arrival bits the index
 * replaced: where such a group is out of arrival order, sort the group by (arrival, index).
 */
function fixTruncatedGroups(arrival: Float64Array, order: Uint32Array, words: Uint32Array, high: number, low: number, indexMask: number): void {
  const n = order.length;
  const keep = ~indexMask;
  let start = 0;
  let unsorted = false;
  for (let k = 1; k <= n; k++) {
    const sameGroup = k < n && words[2 * k + high] === words[2 * start + high] && (words[2 * k + low] & keep) === (words[2 * start + low] & keep);
    if (sameGroup) {
      if (arrival[order[k]] < arrival[order[k - 1]]) unsorted = true;
      continue;
    }
    if (unsorted) order.subarray(start, k).sort((x, y) => arrival[x] - arrival[y] || x - y);
    start = k;
    unsorted = false;
  }
}
