/**
 * Finds the node a pod goes to without scanning every node: a segment tree over node slots that
 * keeps, per subtree, the largest free CPU, free memory and free pod slots, and the highest and
 * lowest "free fraction" score. A query is a branch-and-bound walk that only enters subtrees where
 * the pod could fit and the score could beat the best node found so far.
 *
 * Scoring follows kube-scheduler's NodeResourcesFit: LeastAllocated (the default) prefers the node
 * with the most free room, MostAllocated the fullest node that still fits. Like kube-scheduler's
 * percentageOfNodesToScore, a query stops improving after visiting a bounded number of subtrees
 * once it has a feasible node, so very large clusters score a sample, not every node.
 */
export class PlacementIndex {
  private cap: number;
  private cpu: Float64Array;
  private mem: Float64Array;
  private pods: Float64Array;
  private maxKey: Float64Array;
  private minKey: Float64Array;
  private stack = new Int32Array(256);
  /** Tree nodes visited after the first feasible node was found, before the query settles. */
  static readonly SEARCH_BUDGET = 512;

  constructor(
    private readonly mostAllocated: boolean,
    capacity = 64,
  ) {
    this.cap = 1;
    while (this.cap < capacity) this.cap *= 2;
    this.cpu = new Float64Array(2 * this.cap).fill(-1);
    this.mem = new Float64Array(2 * this.cap).fill(-1);
    this.pods = new Float64Array(2 * this.cap).fill(-1);
    this.maxKey = new Float64Array(2 * this.cap).fill(-Infinity);
    this.minKey = new Float64Array(2 * this.cap).fill(Infinity);
  }

  get capacity(): number {
    return this.cap;
  }

  /** Sets a node's free room; `key` is its free fraction (higher = emptier). */
  set(slot: number, freeCpu: number, freeMem: number, freePods: number, key: number): void {
    if (slot >= this.cap) this.grow(slot + 1);
    let i = slot + this.cap;
    this.cpu[i] = freeCpu;
    this.mem[i] = freeMem;
    this.pods[i] = freePods;
    this.maxKey[i] = key;
    this.minKey[i] = key;
    i >>= 1;
    const C = this.cpu;
    const M = this.mem;
    const P = this.pods;
    const hi = this.maxKey;
    const lo = this.minKey;
    while (i >= 1) {
      const l = 2 * i;
      const r = l + 1;
      const c = C[l] > C[r] ? C[l] : C[r];
      const m = M[l] > M[r] ? M[l] : M[r];
      const p = P[l] > P[r] ? P[l] : P[r];
      const h = hi[l] > hi[r] ? hi[l] : hi[r];
      const o = lo[l] < lo[r] ? lo[l] : lo[r];
      // Nothing changed here, so nothing changes above: the rest of the path is already right.
      if (c === C[i] && m === M[i] && p === P[i] && h === hi[i] && o === lo[i]) break;
      C[i] = c;
      M[i] = m;
      P[i] = p;
      hi[i] = h;
      lo[i] = o;
      i >>= 1;
    }
  }

  /** Marks a slot as not schedulable (provisioning, cordoned, removed or unused). */
  clear(slot: number): void {
    if (slot < this.cap) this.set(slot, -1, -1, -1, this.mostAllocated ? Infinity : -Infinity);
  }

  /** Returns the best node slot for a pod requesting (cpu, mem), or -1 if none fits. */
  best(cpu: number, mem: number): number {
    const C = this.cpu;
    const M = this.mem;
    const P = this.pods;
    if (C[1] < cpu || M[1] < mem || P[1] < 1) return -1;
    const most = this.mostAllocated;
    const hi = this.maxKey;
    const lo = this.minKey;
    const cap = this.cap;
    let stack = this.stack;
    let sp = 0;
    stack[sp++] = 1;
    let best = -1;
    let bestKey = most ? Infinity : -Infinity;
    let budget = PlacementIndex.SEARCH_BUDGET;
    while (sp > 0) {
      const i = stack[--sp];
      if (C[i] < cpu || M[i] < mem || P[i] < 1) continue;
      if (most ? lo[i] >= bestKey : hi[i] <= bestKey) continue;
      if (best >= 0 && --budget < 0) break;
      if (i >= cap) {
        best = i - cap;
        bestKey = hi[i];
        continue;
      }
      if (sp + 2 > stack.length) {
        const s = new Int32Array(stack.length * 2);
        s.set(stack);
        this.stack = stack = s;
      }
      const l = 2 * i;
      const r = l + 1;
      // Push the less promising child first so the more promising one is explored first.
      const leftFirst = most ? lo[l] <= lo[r] : hi[l] >= hi[r];
      if (leftFirst) {
        stack[sp++] = r;
        stack[sp++] = l;
      } else {
        stack[sp++] = l;
        stack[sp++] = r;
      }
    }
    return best;
  }

  private grow(needed: number): void {
    let cap = this.cap;
    while (cap < needed) cap *= 2;
    const old = { cap: this.cap, cpu: this.cpu, mem: this.mem, pods: this.pods, key: this.maxKey };
    this.cap = cap;
    this.cpu = new Float64Array(2 * cap).fill(-1);
    this.mem = new Float64Array(2 * cap).fill(-1);
    this.pods = new Float64Array(2 * cap).fill(-1);
    this.maxKey = new Float64Array(2 * cap).fill(-Infinity);
    this.minKey = new Float64Array(2 * cap).fill(Infinity);
    for (let s = 0; s < old.cap; s++) {
      const i = old.cap + s;
      if (old.cpu[i] >= 0) this.set(s, old.cpu[i], old.mem[i], old.pods[i], old.key[i]);
    }
  }
}
