/**
 * Finds the node a pod goes to without scanning every node: a segment tree over node slots that
 * keeps, per subtree, the largest free CPU, the largest free memory and the highest score. A node
 * with no free pod slot is stored with free CPU -1, so no pod fits it (requests are >= 0) and the
 * pod-slot check needs no aggregate of its own.
 * A query first goes straight down the highest scores (left on ties) to the top-scored node: when
 * the pod fits it (LeastAllocated: the emptiest node usually has room), that is the answer. Else
 * it is a branch-and-bound walk that only enters subtrees where the pod could fit and the score
 * could beat the best node found so far; the walk tries that same path first, so both give the
 * same node.
 *
 * Scoring follows kube-scheduler's NodeResourcesFit: LeastAllocated (the default) prefers the node
 * with the most free room (score: its free fraction), MostAllocated the fullest node that still
 * fits (score: minus its free fraction). Like kube-scheduler's
 * percentageOfNodesToScore, a query stops improving after visiting a bounded number of subtrees
 * once it has a feasible node, so very large clusters score a sample, not every node.
 *
 * A full pool: the root's largest free CPU and largest free memory may come from different nodes,
 * so they cannot rule out a pod that fits no node, and the walk would visit every subtree where one
 * of the two is large enough (hundreds of tree nodes per query once the pool is at maxNodes). So a
 * request proven to fit nowhere is remembered (`rejected`): a request at least as large in both
 * CPU and memory is refused at once, until a write gives some node room for it. Exact: a node can
 * only come to fit through a write, and every write checks the remembered requests.
 *
 * Layout: the three aggregates of a tree node are consecutive doubles [cpu, mem, score, unused] in
 * one Float64Array, so siblings sit next to each other in memory. The fourth, unused double pads a
 * node to 32 bytes: two siblings span 64 bytes, a cache line's worth, instead of 48 bytes that
 * straddle a line boundary half of the time (measured: the 1M nodes replay 2,021 -> 1,684 ms and
 * 2,247 -> 1,822 ms, min of two 6-run A/Bs).
 */
const STRIDE = 4;
/** Requests remembered as fitting nowhere (a pool sees a handful of request sizes). */
const REJECTED_MAX = 8;
const CPU = 0;
const MEM = 1;
const SCORE = 2;

export class PlacementIndex {
  private cap: number;
  /** Tree node i (1 = root, children 2i and 2i + 1, leaf of slot s at cap + s) at t[i * STRIDE]. */
  private t: Float64Array;
  private stack = new Int32Array(256);
  /** Tree nodes visited after the first feasible node was found, before the query settles. */
  static readonly SEARCH_BUDGET = 512;
  /** Requests no node fits, as [cpu, mem] pairs (the first `rejectedCount`; see the class comment). */
  private readonly rejected = new Float64Array(2 * REJECTED_MAX);
  private rejectedCount = 0;
  /** Queries that searched the tree past the first descent (the costly ones; for tests and profiles). */
  searches = 0;
  /** The entry the next request replaces once all REJECTED_MAX are taken. */
  private rejectedNext = 0;

  constructor(
    private readonly mostAllocated: boolean,
    capacity = 64,
  ) {
    this.cap = 1;
    while (this.cap < capacity) this.cap *= 2;
    this.t = emptyTree(this.cap);
  }

  get capacity(): number {
    return this.cap;
  }

  /** Sets a node's free room; `freeFraction` is its share of free room (higher = emptier). */
  set(slot: number, freeCpu: number, freeMem: number, freePods: number, freeFraction: number): void {
    this.write(slot, freePods >= 1 ? freeCpu : -1, freeMem, this.mostAllocated ? -freeFraction : freeFraction);
  }

  private write(slot: number, freeCpu: number, freeMem: number, score: number): void {
    if (slot >= this.cap) this.grow(slot + 1);
    const t = this.t;
    let i = slot + this.cap;
    let k = i * STRIDE;
    // The same room as stored (a pod finished and one of the same shape took its place): the tree
    // is already right, and no remembered refusal can be lifted by a node that had this room then.
    if (t[k + CPU] === freeCpu && t[k + MEM] === freeMem && t[k + SCORE] === score) return;
    t[k + CPU] = freeCpu;
    t[k + MEM] = freeMem;
    t[k + SCORE] = score;
    if (this.rejectedCount > 0) this.forgetRejected(freeCpu, freeMem);
    i >>= 1;
    while (i >= 1) {
      k = i * STRIDE;
      const l = 2 * k;
      const r = l + STRIDE;
      const c = t[l + CPU] > t[r + CPU] ? t[l + CPU] : t[r + CPU];
      const m = t[l + MEM] > t[r + MEM] ? t[l + MEM] : t[r + MEM];
      const h = t[l + SCORE] > t[r + SCORE] ? t[l + SCORE] : t[r + SCORE];
      // Nothing changed here, so nothing changes above: the rest of the path is already right.
      if (c === t[k + CPU] && m === t[k + MEM] && h === t[k + SCORE]) break;
      t[k + CPU] = c;
      t[k + MEM] = m;
      t[k + SCORE] = h;
      i >>= 1;
    }
  }

  /** A node now has (freeCpu, freeMem) free: the remembered requests it fits are possible again. */
  private forgetRejected(freeCpu: number, freeMem: number): void {
    const r = this.rejected;
    for (let j = 0; j < this.rejectedCount; ) {
      if (freeCpu >= r[2 * j] && freeMem >= r[2 * j + 1]) {
        const last = --this.rejectedCount;
        r[2 * j] = r[2 * last];
        r[2 * j + 1] = r[2 * last + 1];
      } else {
        j++;
      }
    }
  }

  /** Remembers that no node fits (cpu, mem). */
  private reject(cpu: number, mem: number): void {
    let j = this.rejectedCount;
    if (j < REJECTED_MAX) {
      this.rejectedCount++;
    } else {
      j = this.rejectedNext;
      this.rejectedNext = (j + 1) % REJECTED_MAX;
    }
    this.rejected[2 * j] = cpu;
    this.rejected[2 * j + 1] = mem;
  }

  /** Marks a slot as not schedulable (provisioning, cordoned, removed or unused). */
  clear(slot: number): void {
    if (slot < this.cap) this.write(slot, -1, -1, -Infinity);
  }

  /** Returns the best node slot for a pod requesting (cpu, mem), or -1 if none fits. */
  best(cpu: number, mem: number): number {
    const t = this.t;
    if (t[STRIDE + CPU] < cpu || t[STRIDE + MEM] < mem) return -1;
    const r = this.rejected;
    for (let j = 0; j < this.rejectedCount; j++) if (cpu >= r[2 * j] && mem >= r[2 * j + 1]) return -1;
    const cap = this.cap;
    // First straight down the highest scores (left on ties), the path the walk below tries first:
    // if the top-scored node fits, it is the answer, found without a stack.
    let g = 1;
    while (g < cap) {
      const l = 2 * g * STRIDE;
      g = t[l + SCORE] >= t[l + STRIDE + SCORE] ? 2 * g : 2 * g + 1;
    }
    const leaf = g * STRIDE;
    if (t[leaf + CPU] >= cpu && t[leaf + MEM] >= mem) return g - cap;
    this.searches++;
    let stack = this.stack;
    let sp = 0;
    stack[sp++] = 1;
    let best = -1;
    let bestScore = -Infinity;
    let budget = PlacementIndex.SEARCH_BUDGET;
    while (sp > 0) {
      const i = stack[--sp];
      const k = i * STRIDE;
      if (t[k + CPU] < cpu || t[k + MEM] < mem) continue;
      if (t[k + SCORE] <= bestScore) continue;
      if (best >= 0 && --budget < 0) break;
      if (i >= cap) {
        best = i - cap;
        bestScore = t[k + SCORE];
        continue;
      }
      if (sp + 2 > stack.length) {
        const s = new Int32Array(stack.length * 2);
        s.set(stack);
        this.stack = stack = s;
      }
      const l = 2 * i;
      // Push the less promising child first so the more promising one is explored first.
      if (t[2 * k + SCORE] >= t[2 * k + STRIDE + SCORE]) {
        stack[sp++] = l + 1;
        stack[sp++] = l;
      } else {
        stack[sp++] = l;
        stack[sp++] = l + 1;
      }
    }
    if (best < 0) this.reject(cpu, mem);
    return best;
  }

  /**
   * The first slot in [from, to), in slot order, whose stored room could hold (cpu, mem) and that
   * `accept` takes, or -1. No scoring: this is cluster-autoscaler's removal simulation, which puts
   * each pod on the first node (round robin) that passes the scheduler's filters. `accept` sees the
   * candidate slot and decides with the caller's own bookkeeping (the stored room is an upper
   * bound there: room reserved in a simulation is not written to the index), so nodes a query must
   * skip cost no index writes.
   */
  firstFit(cpu: number, mem: number, from: number, to: number, accept: (slot: number) => boolean): number {
    const t = this.t;
    const cap = this.cap;
    if (to > cap) to = cap;
    if (from >= to || t[STRIDE + CPU] < cpu || t[STRIDE + MEM] < mem) return -1;
    let stack = this.stack;
    let sp = 0;
    stack[sp++] = 1;
    while (sp > 0) {
      const i = stack[--sp];
      const k = i * STRIDE;
      if (t[k + CPU] < cpu || t[k + MEM] < mem) continue;
      // The slots under tree node i: [lo, lo + span).
      const depth = 31 - Math.clz32(i);
      const span = cap >>> depth;
      const lo = (i - (1 << depth)) * span;
      if (lo + span <= from || lo >= to) continue;
      if (i >= cap) {
        if (accept(lo)) return lo;
        continue;
      }
      if (sp + 2 > stack.length) {
        const s = new Int32Array(stack.length * 2);
        s.set(stack);
        this.stack = stack = s;
      }
      // Right child first on the stack, so the left (lower slots) is explored first.
      stack[sp++] = 2 * i + 1;
      stack[sp++] = 2 * i;
    }
    return -1;
  }

  private grow(needed: number): void {
    let cap = this.cap;
    while (cap < needed) cap *= 2;
    const old = this.t;
    const oldCap = this.cap;
    this.cap = cap;
    this.t = emptyTree(cap);
    for (let s = 0; s < oldCap; s++) {
      const k = (oldCap + s) * STRIDE;
      if (old[k + SCORE] !== -Infinity) this.write(s, old[k + CPU], old[k + MEM], old[k + SCORE]);
    }
  }
}

/** A tree with every slot unschedulable. */
function emptyTree(cap: number): Float64Array {
  const t = new Float64Array(2 * cap * STRIDE).fill(-1);
  for (let i = 0; i < 2 * cap; i++) t[i * STRIDE + SCORE] = -Infinity;
  return t;
}
