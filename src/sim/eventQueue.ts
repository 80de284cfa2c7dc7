/**
 * A binary min-heap of events in parallel typed arrays, ordered by (time, priority, sequence).
 * The sequence number only grows, so events at the same time and priority pop first-in-first-out
 * and every run is reproducible. An event is a kind (small integer) and an integer payload
 * (usually a pod or node index); nothing is allocated per event.
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private prio: Int8Array;
  private kind: Uint8Array;
  private payload: Int32Array;
  private n = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.prio = new Int8Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.payload = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }

  push(time: number, kind: number, payload: number, priority: number): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
    // Sift up: move parents down until the slot for the new event is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!earlier(time, priority, s, this.time[p], this.prio[p], this.seq[p])) break;
      this.copy(p, i);
      i = p;
    }
    this.time[i] = time;
    this.prio[i] = priority;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.payload[i] = payload;
  }

  /** Removes the first event; its fields are read from `poppedKind` / `poppedPayload` / `poppedTime`. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.poppedTime = this.time[0];
    this.poppedKind = this.kind[0];
    this.poppedPayload = this.payload[0];
    const last = --this.n;
    if (last > 0) {
      const t = this.time[last];
      const pr = this.prio[last];
      const s = this.seq[last];
      const k = this.kind[last];
      const pl = this.payload[last];
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        const r = c + 1;
        if (r < last && earlier(this.time[r], this.prio[r], this.seq[r], this.time[c], this.prio[c], this.seq[c])) c = r;
        if (!earlier(this.time[c], this.prio[c], this.seq[c], t, pr, s)) break;
        this.copy(c, i);
        i = c;
      }
      this.time[i] = t;
      this.prio[i] = pr;
      this.seq[i] = s;
      this.kind[i] = k;
      this.payload[i] = pl;
    }
    return true;
  }

  poppedTime = 0;
  poppedKind = 0;
  poppedPayload = 0;

  private copy(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.prio[to] = this.prio[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.payload[to] = this.payload[from];
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(cap);
    s.set(this.seq);
    this.seq = s;
    const p = new Int8Array(cap);
    p.set(this.prio);
    this.prio = p;
    const k = new Uint8Array(cap);
    k.set(this.kind);
    this.kind = k;
    const pl = new Int32Array(cap);
    pl.set(this.payload);
    this.payload = pl;
  }
}

/** Does event (t1, p1, s1) come before event (t2, p2, s2)? */
function earlier(t1: number, p1: number, s1: number, t2: number, p2: number, s2: number): boolean {
  if (t1 !== t2) return t1 < t2;
  if (p1 !== p2) return p1 < p2;
  return s1 < s2;
}
