/**
 * Unschedulable pods waiting for room on the node pool, grouped by request shape (CPU, memory).
 * All pods of a shape fit or fail alike, so a retry tries the head of each shape's queue instead
 * of every pending pod, and cluster-autoscaler's bin-packing estimate works on counts per shape.
 * Pods leave a group either from its head (scheduled) or by `remove` (moved elsewhere), which
 * only decrements the live count; stale entries are skipped when they reach the head.
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
  /** Groups with live pods, in the order they became non-empty (an approximation of FIFO across shapes). */
  active: number[] = [];
  private isActive: boolean[] = [];
  /** Group of each pending pod, -1 when not pending here. */
  readonly groupOf: Int32Array;
  total = 0;
  /** Pods `markYoungest` marked during their present stay in the queue (cleared when a pod is pushed). */
  private readonly marks: Uint8Array;

  constructor(podCount: number) {
    this.groupOf = new Int32Array(podCount).fill(-1);
    this.marks = new Uint8Array(podCount);
  }

  private group(cpu: number, mem: number): number {
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
    this.groupOf[pod] = g;
    // Back in the queue (evicted, or moved back): a new stay, unmarked. A mark left from an earlier
    // stay would stop `markYoungest` at this pod, now the youngest, and hide the pods before it.
    this.marks[pod] = 0;
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
      if (this.groupOf[pod] === g) return pod;
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
    const marks = this.marks;
    let marked = 0;
    for (let i = this.tails[g] - 1; i >= this.heads[g] && k > 0; i--) {
      const pod = q[i];
      if (this.groupOf[pod] !== g) continue;
      if (marks[pod]) break;
      marks[pod] = 1;
      onMark?.(pod);
      marked++;
      k--;
    }
    return marked;
  }

  /** Takes the pod out of its group (scheduled, timed out or moved). */
  remove(pod: number): void {
    const g = this.groupOf[pod];
    if (g < 0) return;
    this.groupOf[pod] = -1;
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
