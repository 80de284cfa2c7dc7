/**
 * A binary min-heap of events ordered by (time, priority, sequence). The sequence number only
 * grows, so events at the same time and priority pop first-in-first-out and every run is
 * reproducible. An event is a kind (small integer) and an integer payload (usually a pod or node
 * index); nothing is allocated per event.
 *
 * Layout (for speed; the order is fully defined by the keys, so it does not change results): each
 * entry is three consecutive doubles in one Float64Array, [time, tie, data], so a heap step touches
 * one cache line instead of five arrays:
 * - tie = (priority + 128) * 2^44 + sequence: priority (as an 8-bit signed integer) then sequence,
 *   compared as one number (exact while the sequence stays below 2^44, about 1.7e13 events);
 * - data = payload * 256 + kind (payload as a 32-bit integer, kind as an 8-bit one).
 * `pop` moves the hole at the root down to a leaf along the smaller children (one comparison per
 * level) and then sifts the last entry up from there (Floyd's bottom-up variant): the last entry
 * is usually one of the latest events, so it belongs near the bottom anyway.
 */
const TIE_SCALE = 2 ** 44;
const STRIDE = 3;

export class EventQueue {
  private h: Float64Array;
  private n = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.h = new Float64Array(Math.max(1, capacity) * STRIDE);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.h[0] : Infinity;
  }

  push(time: number, kind: number, payload: number, priority: number): void {
    if (this.n * STRIDE === this.h.length) this.grow();
    if (this.nextSeq >= TIE_SCALE) throw new Error('event queue: too many events for one run');
    const tie = (((priority << 24) >> 24) + 128) * TIE_SCALE + this.nextSeq++;
    const data = (payload | 0) * 256 + (kind & 255);
    this.siftUp(this.n++, time, tie, data);
  }

  /** Removes the first event; its fields are read from `poppedKind` / `poppedPayload` / `poppedTime`. */
  pop(): boolean {
    const n = this.n;
    if (n === 0) return false;
    const h = this.h;
    this.poppedTime = h[0];
    const d = h[2];
    const kind = d & 255;
    this.poppedKind = kind;
    this.poppedPayload = (d - kind) / 256;
    const last = n - 1;
    this.n = last;
    if (last > 0) {
      const li = last * STRIDE;
      const t = h[li];
      const k = h[li + 1];
      const dd = h[li + 2];
      // Hole from the root down to a leaf, always taking the smaller child.
      let i = 0;
      let c = 1;
      while (c < last) {
        let ci = c * STRIDE;
        if (c + 1 < last) {
          const ri = ci + STRIDE;
          const rt = h[ri];
          const ct = h[ci];
          if (rt < ct || (rt === ct && h[ri + 1] < h[ci + 1])) {
            c++;
            ci = ri;
          }
        }
        const ii = i * STRIDE;
        h[ii] = h[ci];
        h[ii + 1] = h[ci + 1];
        h[ii + 2] = h[ci + 2];
        i = c;
        c = 2 * c + 1;
      }
      // Then the last entry up from that leaf to its place.
      this.siftUp(i, t, k, dd);
    }
    return true;
  }

  poppedTime = 0;
  poppedKind = 0;
  poppedPayload = 0;

  /** Puts an entry at the hole `i`, moving parents down until its place is found. */
  private siftUp(i: number, time: number, tie: number, data: number): void {
    const h = this.h;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pi = p * STRIDE;
      const pt = h[pi];
      if (pt < time || (pt === time && h[pi + 1] < tie)) break;
      const ii = i * STRIDE;
      h[ii] = pt;
      h[ii + 1] = h[pi + 1];
      h[ii + 2] = h[pi + 2];
      i = p;
    }
    const ii = i * STRIDE;
    h[ii] = time;
    h[ii + 1] = tie;
    h[ii + 2] = data;
  }

  private grow(): void {
    const next = new Float64Array(this.h.length * 2);
    next.set(this.h);
    this.h = next;
  }
}
