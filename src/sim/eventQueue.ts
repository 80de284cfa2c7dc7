/**
 * A min-priority queue of events ordered by (time, priority, sequence). The sequence number only
 * grows, so events at the same time and priority pop first-in-first-out and every run is
 * reproducible. An event is a kind (small integer) and an integer payload (usually a pod or node
 * index); nothing is allocated per event.
 *
 * Two places hold events, and `pop` takes the earlier of the two heads:
 * - a 4-ary min-heap for everything scheduled with `push`;
 * - one "stream" slot (`pushStream`) for a chain of events that keeps at most one event pending
 *   and schedules the next one when it fires, like the workload's arrivals, which come sorted.
 *   Such an event costs no heap operation at all.
 * Both use the same keys and the same sequence counter, so the order of events is exactly the
 * order a single heap would give; how events are stored does not change results.
 *
 * Heap layout (for speed): each entry is three consecutive doubles in one Float64Array,
 * [time, tie, data], so a step touches one place in memory instead of five arrays:
 * - tie = (priority + 128) * 2^44 + sequence: priority (as an 8-bit signed integer) then sequence,
 *   compared as one number (exact while the sequence stays below 2^44, about 1.7e13 events);
 * - data = payload * 256 + kind (payload as a 32-bit integer, kind as an 8-bit one).
 * Four children per entry halve the depth of a binary heap (8 levels for 65,000 events in flight
 * instead of 16), and the four children sit next to each other in memory. `pop` moves the hole at
 * the root down to a leaf along the smallest child and then sifts the last entry up from there
 * (Floyd's bottom-up variant): the last entry is usually one of the latest events, so it belongs
 * near the bottom anyway.
 */
const TIE_SCALE = 2 ** 44;
const STRIDE = 3;
/** Children of entry i are 4i+1 .. 4i+4. */
const ARITY = 4;

export class EventQueue {
  private h: Float64Array;
  private n = 0;
  private nextSeq = 0;
  /** The stream slot: its event, if `hasStream`. */
  private hasStream = false;
  private streamTime = 0;
  private streamTie = 0;
  private streamData = 0;

  constructor(capacity = 1024) {
    this.h = new Float64Array(Math.max(1, capacity) * STRIDE);
  }

  get size(): number {
    return this.hasStream ? this.n + 1 : this.n;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    const heap = this.n > 0 ? this.h[0] : Infinity;
    return this.hasStream && this.streamTime < heap ? this.streamTime : heap;
  }

  push(time: number, kind: number, payload: number, priority: number): void {
    if (this.n * STRIDE === this.h.length) this.grow();
    this.siftUp(this.n++, time, this.tie(priority), data(kind, payload));
  }

  /**
   * Schedules the one pending event of the stream (see above). The stream must be empty: its
   * previous event has fired (or was never scheduled).
   */
  pushStream(time: number, kind: number, payload: number, priority: number): void {
    if (this.hasStream) throw new Error('event queue: the stream already has a pending event');
    this.streamTime = time;
    this.streamTie = this.tie(priority);
    this.streamData = data(kind, payload);
    this.hasStream = true;
  }

  private tie(priority: number): number {
    if (this.nextSeq >= TIE_SCALE) throw new Error('event queue: too many events for one run');
    return (((priority << 24) >> 24) + 128) * TIE_SCALE + this.nextSeq++;
  }

  /** Removes the first event; its fields are read from `poppedKind` / `poppedPayload` / `poppedTime`. */
  pop(): boolean {
    const n = this.n;
    const h = this.h;
    if (this.hasStream) {
      const st = this.streamTime;
      if (n === 0 || st < h[0] || (st === h[0] && this.streamTie < h[1])) {
        this.hasStream = false;
        this.setPopped(st, this.streamData);
        return true;
      }
    } else if (n === 0) {
      return false;
    }
    this.setPopped(h[0], h[2]);
    const last = n - 1;
    this.n = last;
    if (last > 0) {
      const li = last * STRIDE;
      const t = h[li];
      const k = h[li + 1];
      const dd = h[li + 2];
      // Hole from the root down to a leaf, always taking the smallest child.
      let i = 0;
      let c = 1;
      while (c < last) {
        // Smallest of children c .. min(c + 3, last - 1).
        let best = c;
        let bi = c * STRIDE;
        let bt = h[bi];
        const end = c + ARITY < last ? c + ARITY : last;
        for (let j = c + 1, ji = bi + STRIDE; j < end; j++, ji += STRIDE) {
          const jt = h[ji];
          if (jt < bt || (jt === bt && h[ji + 1] < h[bi + 1])) {
            best = j;
            bi = ji;
            bt = jt;
          }
        }
        const ii = i * STRIDE;
        h[ii] = bt;
        h[ii + 1] = h[bi + 1];
        h[ii + 2] = h[bi + 2];
        i = best;
        c = ARITY * best + 1;
      }
      // Then the last entry up from that leaf to its place.
      this.siftUp(i, t, k, dd);
    }
    return true;
  }

  private setPopped(time: number, d: number): void {
    this.poppedTime = time;
    const kind = d & 255;
    this.poppedKind = kind;
    this.poppedPayload = (d - kind) / 256;
  }

  poppedTime = 0;
  poppedKind = 0;
  poppedPayload = 0;

  /** Puts an entry at the hole `i`, moving parents down until its place is found. */
  private siftUp(i: number, time: number, tie: number, data: number): void {
    const h = this.h;
    while (i > 0) {
      const p = ((i - 1) / ARITY) | 0;
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

function data(kind: number, payload: number): number {
  return (payload | 0) * 256 + (kind & 255);
}
