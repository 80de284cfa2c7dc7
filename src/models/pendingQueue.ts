/** `PendingQueue.flags` bits per pod: in the queue now, and marked by `markYoungest` during this stay. */
const QUEUED = 1;
const MARKED = 2;

/**
 * Unschedulable pods waiting for room on the node pool, grouped by request shape (CPU, memory).
 * All pods of a shape fit or fail alike, so a retry tries the head of each shape's queue instead
 * of every pending pod, and cluster-autoscaler's bin-packing estimate works on counts per shape.
 * Pods leave a group either from its head (scheduled) or by `remove` (moved elsewhere), which
 * only decrements the live count; stale entries are skipped when they reach the head.
 *
 * A pod's requests never change, so it always joins the same group: one byte per pod says
 * whether it is queued (an entry of its group's queue is live iff its pod is queued), where a
 * group number per pod took four (fresh memory is dear: 4 MB for a million pods).
 */
export class PendingQueue {
  readonly cpu: number[] = [];
  readonly mem: number[] = [];
  /** Live pods per group. */
  readonly count: number[] = [];
  private queues: Int32Array[] = [];
  private heads: number[] = [];
  private tails: number[] = [];
  private readonly byShape = new Map<number, number>();
  /** The group last looked up (pods come in runs of one shape: most lookups skip the Map). */
  private lastCpu = NaN;
  private lastMem = NaN;
  private lastGroup = -1;
  /** Groups with live pods, in the order they became non-empty (an approximation of FIFO across shapes). */
  active: number[] = [];
  private isActive: boolean[] = [];
  total = 0;
  /** Per pod: QUEUED, and MARKED by `markYoungest` during its present stay (cleared when it is pushed). */
  private readonly flags: Uint8Array;

  constructor(podCount: number) {
    this.flags = new Uint8Array(podCount);
  }

  /** The group of pods requesting (cpu, mem), made on first use. */
  group(cpu: number, mem: number): number {
    if (cpu === this.lastCpu && mem === this.lastMem) return this.lastGroup;
    const key = cpu * 1e8 + mem;
    let g = this.byShape.get(key);
    if (g === undefined) {
      g = this.cpu.length;
      this.byShape.set(key, g);
      this.cpu.push(cpu);
      this.mem.push(mem);
      this.count.push(0);
      this.queues.push(new Int32Array(16));
      this.heads.push(0);
      this.tails.push(0);
      this.isActive.push(false);
    }
    this.lastCpu = cpu;
    this.lastMem = mem;
    this.lastGroup = g;
    return g;
  }

  push(pod: number, cpu: number, mem: number): void {
    const g = this.group(cpu, mem);
    let q = this.queues[g];
    if (this.tails[g] === q.length) {
      // Compact consumed entries first; grow only if the queue is really full.
      const head = this.heads[g];
      const live = this.tails[g] - head;
      const next = live * 2 + 16 > q.length ? new Int32Array(live * 2 + 16) : q;
      if (next === q) q.copyWithin(0, head, this.tails[g]);
      else next.set(q.subarray(head, this.tails[g]));
      this.queues[g] = q = next;
      this.heads[g] = 0;
      this.tails[g] = live;
    }
    q[this.tails[g]++] = pod;
    // Back in the queue (evicted, or moved back): a new stay, unmarked. A mark left from an earlier
    // stay would stop `markYoungest` at this pod, now the youngest, and hide the pods before it.
    this.flags[pod] = QUEUED;
    this.count[g]++;
    this.total++;
    if (!this.isActive[g]) {
      this.isActive[g] = true;
      this.active.push(g);
    }
  }

  /** Oldest live pod of group g, or -1. */
  peek(g: number): number {
    const q = this.queues[g];
    while (this.heads[g] < this.tails[g]) {
      const pod = q[this.heads[g]];
      if (this.flags[pod] & QUEUED) return pod;
      this.heads[g]++;
    }
    return -1;
  }

  /**
   * Marks up to `k` of group g's youngest live pods not marked yet during their stay, from the
   * youngest back, stopping at the first one marked already (the pods older than it were looked at
   * when it was marked); calls `onMark` with each; returns how many it newly marked.
   */
  markYoungest(g: number, k: number, onMark?: (pod: number) => void): number {
    const q = this.queues[g];
    const flags = this.flags;
    let marked = 0;
    for (let i = this.tails[g] - 1; i >= this.heads[g] && k > 0; i--) {
      const pod = q[i];
      if (!(flags[pod] & QUEUED)) continue;
      if (flags[pod] & MARKED) break;
      flags[pod] |= MARKED;
      onMark?.(pod);
      marked++;
      k--;
    }
    return marked;
  }

  /** Takes the pod, requesting (cpu, mem), out of its group (timed out or moved); nothing if it is not queued. */
  remove(pod: number, cpu: number, mem: number): void {
    if (!(this.flags[pod] & QUEUED)) return;
    this.take(pod, this.group(cpu, mem));
  }

  /** Takes queued pod `pod` out of its group g (scheduled from the head: `peek`, then this). */
  take(pod: number, g: number): void {
    this.flags[pod] = 0;
    this.count[g]--;
    this.total--;
    if (this.count[g] === 0) this.heads[g] = this.tails[g];
  }

  /** Drops emptied groups from the active list (call after a pass over `active`). */
  compactActive(): void {
    let w = 0;
    const a = this.active;
    for (let r = 0; r < a.length; r++) {
      const g = a[r];
      if (this.count[g] > 0) a[w++] = g;
      else this.isActive[g] = false;
    }
    a.length = w;
  }
}
