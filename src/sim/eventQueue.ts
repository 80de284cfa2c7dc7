/**
 * A min-priority queue of events ordered by (time, priority, sequence). The sequence number only
 * grows, so events at the same time and priority pop first-in-first-out and every run is
 * reproducible. An event is a kind (small integer) and an integer payload (usually a pod or node
 * index); nothing is allocated per event.
 *
 * Three places hold events; they split the timeline, so the order of events is exactly the order
 * one heap of all of them would give (how events are stored does not change results):
 * - a 4-ary min-heap for the events of the current calendar bucket (time < `edge`);
 * - calendar buckets of BUCKET_SECONDS each for later events, unsorted (a chain of blocks of BLOCK
 *   entries per bucket in a ring of RING buckets, and one overflow chain beyond the ring). When
 *   the heap runs dry, the next non-empty bucket is poured into it. Most events are pod finishes
 *   tens of minutes ahead: they wait in a bucket at O(1) cost, and the heap stays small enough to
 *   sit in cache (a few thousand events instead of tens of thousands). A bucket's entries sit side
 *   by side in its blocks, so a push writes next to the bucket's previous push and a pour reads
 *   memory in order (a list of single entries scattered over the pool cost a cache miss per
 *   entry, on the push that took a free entry and again on the pour: most of the queue's time);
 * - a few "stream" slots (`openStream`, `pushStream`), each for a chain of events that keeps at
 *   most one event pending and schedules the next one when it fires, like the workload's arrivals
 *   (which come sorted) or the overflow timeouts' sweep: such an event costs no heap operation
 *   and no calendar bucket. The earliest pending stream event is kept apart as the front (`hasStream`,
 *   `streamTime`, ...), so a pop compares the heap's root with one event whatever the number of streams.
 * All three use the same keys and the same sequence counter.
 *
 * Entry layout (for speed): three consecutive doubles [time, tie, data] in a Float64Array:
 * - tie = (priority + 128) * 2^44 + sequence: priority (as an 8-bit signed integer) then sequence,
 *   compared as one number (exact while the sequence stays below 2^44, about 1.7e13 events);
 * - data = payload * 256 + kind (payload as a 32-bit integer, kind as an 8-bit one).
 * `pop` moves the hole at the root down to a leaf along the smallest child and then sifts the last
 * entry up from there (Floyd's bottom-up variant).
 */
const TIE_SCALE = 2 ** 44;
const STRIDE = 3;
/** Children of heap entry i are 4i+1 .. 4i+4. */
const ARITY = 4;
/** Calendar bucket width: the heap holds at most about this much of the future. */
const BUCKET_SECONDS = 10;
/** Buckets in the ring (a power of two): 40,960 s, about 11 hours ahead (later events wait in the overflow chain). */
const RING = 4096;
/** Stream slots per queue (a kernel opens one per self-rescheduling chain of events). */
const MAX_STREAMS = 8;
/** Entries per calendar block (a bucket holds a chain of blocks; its last one may be part full). */
const BLOCK = 16;

export class EventQueue {
  private h: Float64Array;
  private n = 0;
  private nextSeq = 0;

  /** Calendar: the heap holds exactly the events with time < edge = (bucket + 1) * BUCKET_SECONDS. */
  private bucket = 0;
  private edge = BUCKET_SECONDS;
  /**
   * Entries waiting in buckets: blocks of BLOCK entries [time, tie, data], each with the index of
   * the next block of its chain (-1 ends a chain; free blocks are chained the same way).
   */
  private pool: Float64Array;
  private next: Int32Array;
  private freeBlock = -1;
  private blocksUsed = 0;
  /**
   * Per ring bucket (ring bucket b holds calendar bucket b mod RING, -1: empty) its first and last
   * block, and the entries in the last block. The overflow chain (index RING) is kept the same way.
   */
  private readonly chainHead = new Int32Array(RING + 1).fill(-1);
  private readonly chainTail = new Int32Array(RING + 1).fill(-1);
  private readonly chainFill = new Int32Array(RING + 1);
  private inRing = 0;
  /** Events at or beyond bucket + RING (or at infinite times), unsorted: chain RING. */
  private inOverflow = 0;
  /** The earliest time in the overflow list (Infinity when empty). */
  private overflowFirst = Infinity;
  /** Overflow entries are moved into the ring at least every RING / 2 buckets. */
  private overflowCheckAt = RING / 2;

  /** Stream slots: how many are open, and each one's pending event (if `slotPending`). */
  private streams = 0;
  private readonly slotPending = new Uint8Array(MAX_STREAMS);
  private readonly slotTime = new Float64Array(MAX_STREAMS);
  private readonly slotTie = new Float64Array(MAX_STREAMS);
  private readonly slotData = new Float64Array(MAX_STREAMS);
  /** Stream events pending, all slots. */
  private inStreams = 0;
  /** The front: the earliest pending stream event (if `hasStream`), and its slot. */
  private hasStream = false;
  private streamSlot = 0;
  private streamTime = 0;
  private streamTie = 0;
  private streamData = 0;

  constructor(capacity = 1024) {
    this.h = new Float64Array(Math.max(1, capacity) * STRIDE);
    const blocks = Math.max(1, Math.ceil(capacity / BLOCK));
    this.pool = new Float64Array(blocks * BLOCK * STRIDE);
    this.next = new Int32Array(blocks);
  }

  get size(): number {
    return this.n + this.inRing + this.inOverflow + this.inStreams;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    if (this.n === 0 && !(this.hasStream && this.streamTime < this.edge)) this.refill();
    const heap = this.n > 0 ? this.h[0] : Infinity;
    return this.hasStream && this.streamTime < heap ? this.streamTime : heap;
  }

  push(time: number, kind: number, payload: number, priority: number): void {
    if (this.nextSeq >= TIE_SCALE) tooManyEvents();
    const tie = tieKey(priority, this.nextSeq++);
    const d = dataKey(kind, payload);
    // Entries are written here and moved by index: a double passed to a call the JIT did not
    // inline is boxed (allocated), and this runs once per event.
    if (time < this.edge) {
      if (this.n * STRIDE === this.h.length) this.h = grown(this.h);
      const i = this.n++;
      writeEntry(this.h, i, time, tie, d);
      this.siftUp(i, i);
    } else {
      this.park(time, tie, d);
    }
  }

  /** A new stream slot (see above); returns its number, for `pushStream`. */
  openStream(): number {
    if (this.streams === MAX_STREAMS) throw new Error(`event queue: too many streams (max ${MAX_STREAMS})`);
    return this.streams++;
  }

  /**
   * Schedules the one pending event of stream `stream` (see above). The stream must be empty: its
   * previous event has fired (or was never scheduled).
   */
  pushStream(stream: number, time: number, kind: number, payload: number, priority: number): void {
    if (!(stream >= 0 && stream < this.streams)) throw new Error(`event queue: stream ${stream} is not open`);
    if (this.slotPending[stream] === 1) throw new Error('event queue: the stream already has a pending event');
    if (this.nextSeq >= TIE_SCALE) tooManyEvents();
    const tie = tieKey(priority, this.nextSeq++);
    this.slotPending[stream] = 1;
    this.slotTime[stream] = time;
    this.slotTie[stream] = tie;
    this.slotData[stream] = dataKey(kind, payload);
    this.inStreams++;
    // The newest event of all has the highest sequence, so it leads only with an earlier time or priority.
    this.leadIfFirst(stream);
  }

  /** Makes stream `s`'s pending event the front if there is none yet or it comes first (time, then tie). */
  private leadIfFirst(s: number): void {
    const t = this.slotTime[s];
    const k = this.slotTie[s];
    if (!this.hasStream || t < this.streamTime || (t === this.streamTime && k < this.streamTie)) {
      this.hasStream = true;
      this.streamSlot = s;
      this.streamTime = t;
      this.streamTie = k;
      this.streamData = this.slotData[s];
    }
  }

  /** The front stream event was popped: its slot is empty, and the next earliest stream event (if any) is the front. */
  private nextFront(): void {
    this.slotPending[this.streamSlot] = 0;
    this.inStreams--;
    this.hasStream = false;
    if (this.inStreams === 0) return;
    for (let s = 0; s < this.streams; s++) if (this.slotPending[s] === 1) this.leadIfFirst(s);
  }

  /** Removes the first event; its fields are read from `poppedKind` / `poppedPayload` / `poppedTime`. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /**
   * Removes the first event if its time is at most `until` (else leaves it and returns false).
   * One call per event in the kernel's loop: no time is returned (a returned double is boxed
   * when the call is not inlined).
   */
  popUntil(until: number): boolean {
    // With the heap empty, a stream event before the edge comes before every parked event: the
    // calendar is not advanced past it (see `refill`).
    if (this.n === 0 && !(this.hasStream && this.streamTime < this.edge)) this.refill();
    const n = this.n;
    const h = this.h;
    if (this.hasStream) {
      const st = this.streamTime;
      if (n === 0 || st < h[0] || (st === h[0] && this.streamTie < h[1])) {
        if (st > until) return false;
        this.poppedTime = st;
        this.setPopped(this.streamData);
        this.nextFront();
        return true;
      }
    } else if (n === 0) {
      return false;
    }
    if (h[0] > until) return false;
    this.poppedTime = h[0];
    this.setPopped(h[2]);
    const last = n - 1;
    this.n = last;
    if (last > 0) {
      // Hole from the root down to a leaf, always taking the smallest child.
      let i = 0;
      let c = 1;
      while (c < last) {
        const best = smallestChild(h, c, last);
        const bi = best * STRIDE;
        const ii = i * STRIDE;
        h[ii] = h[bi];
        h[ii + 1] = h[bi + 1];
        h[ii + 2] = h[bi + 2];
        i = best;
        c = ARITY * best + 1;
      }
      // Then the last entry (still at index `last`) up from that leaf to its place.
      this.siftUp(i, last);
    }
    return true;
  }

  private setPopped(d: number): void {
    const kind = d & 255;
    this.poppedKind = kind;
    // An int32 by construction; `| 0` keeps it a small integer, not a boxed double, for the handler call.
    this.poppedPayload = ((d - kind) / 256) | 0;
  }

  poppedTime = 0;
  poppedKind = 0;
  poppedPayload = 0;

  // ---- heap --------------------------------------------------------------------------------

  /**
   * Puts the entry now at index `from` (the hole `i` itself, or an index past the heap's end) at
   * the hole `i`, moving parents down until its place is found.
   */
  private siftUp(i: number, from: number): void {
    const h = this.h;
    const fi = from * STRIDE;
    const time = h[fi];
    const tie = h[fi + 1];
    const data = h[fi + 2];
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

  // ---- calendar ----------------------------------------------------------------------------

  /** Puts an event at or after `edge` in its calendar bucket (or the overflow chain). */
  private park(time: number, tie: number, data: number): void {
    const b = Math.floor(time / BUCKET_SECONDS);
    if (b <= this.bucket) bucketNotAhead(b, this.bucket);
    let c: number;
    if (b < this.bucket + RING) {
      c = b & (RING - 1);
      this.inRing++;
    } else {
      c = RING;
      this.inOverflow++;
      if (time < this.overflowFirst) this.overflowFirst = time;
    }
    let tail = this.chainTail[c];
    let fill = this.chainFill[c];
    if (tail < 0 || fill === BLOCK) {
      const block = this.takeBlock();
      if (tail < 0) this.chainHead[c] = block;
      else this.next[tail] = block;
      this.chainTail[c] = tail = block;
      fill = 0;
    }
    this.chainFill[c] = fill + 1;
    writeEntry(this.pool, tail * BLOCK + fill, time, tie, data);
  }

  /** A free block, last in its chain. */
  private takeBlock(): number {
    let block = this.freeBlock;
    if (block >= 0) {
      this.freeBlock = this.next[block];
    } else {
      block = this.blocksUsed++;
      if (block === this.next.length) this.growPool();
    }
    this.next[block] = -1;
    return block;
  }

  private growPool(): void {
    this.pool = grown(this.pool);
    const next = new Int32Array(this.next.length * 2);
    next.set(this.next);
    this.next = next;
  }

  /** Empties chain `c`: its blocks go back to the free list; returns its first block. */
  private detach(c: number): number {
    const head = this.chainHead[c];
    if (head >= 0) {
      this.next[this.chainTail[c]] = this.freeBlock;
      this.freeBlock = head;
    }
    this.chainHead[c] = -1;
    this.chainTail[c] = -1;
    this.chainFill[c] = 0;
    return head;
  }

  /**
   * The heap is empty: moves to the next calendar bucket that holds events and pours them into
   * the heap (or, with only overflow left, jumps to the earliest overflow bucket). It stops early
   * at the bucket of the stream's event, if that comes first: the calendar never runs ahead of
   * the clock by more than a bucket, so the heap never takes in a far bucket (and every event
   * scheduled before it) while the stream still fires (a serverless replay schedules only pod
   * finishes, tens of minutes ahead, between arrivals: the heap held thousands of them).
   */
  private refill(): void {
    while (this.n === 0 && this.inRing + this.inOverflow > 0) {
      if (this.hasStream && this.streamTime < this.edge) return;
      if (this.inRing === 0) {
        // Nothing within the ring: jump ahead to the earliest overflow event's bucket, or to the
        // stream's if that is earlier.
        const first = this.hasStream && this.streamTime < this.overflowFirst ? this.streamTime : this.overflowFirst;
        const b = Math.floor(first / BUCKET_SECONDS);
        if (!Number.isFinite(b) || b >= 2 ** 52) {
          // Only events at (near) infinite times are left (and the stream, if any, is at one too):
          // the heap takes them all.
          this.setBucket(Infinity);
          this.pour(RING);
          this.inOverflow = 0;
          this.overflowFirst = Infinity;
          return;
        }
        this.setBucket(b - 1);
        this.rebucketOverflow();
      }
      this.setBucket(this.bucket + 1);
      if (this.bucket >= this.overflowCheckAt) this.rebucketOverflow();
      this.inRing -= this.pour(this.bucket & (RING - 1));
    }
  }

  /**
   * Moves the parked entries of chain `c` into the empty heap and frees its blocks; returns how
   * many. The entries are copied in as they come and then heapified in place (Floyd: sift down
   * from the last parent to the root), O(count) instead of a push per entry. Pop order does not
   * depend on how the heap was built: (time, tie) keys are unique.
   */
  private pour(c: number): number {
    const p = this.pool;
    const next = this.next;
    const tail = this.chainTail[c];
    const lastFill = this.chainFill[c];
    let h = this.h;
    let n = this.n;
    for (let block = this.chainHead[c]; block >= 0; block = next[block]) {
      const count = block === tail ? lastFill : BLOCK;
      if ((n + count) * STRIDE > h.length) h = this.h = grownTo(h, (n + count) * STRIDE);
      // A copy loop, not set(subarray): a subarray is an object allocated per block.
      for (let from = block * BLOCK * STRIDE, end = from + count * STRIDE, to = n * STRIDE; from < end; from++, to++) h[to] = p[from];
      n += count;
    }
    this.detach(c);
    const count = n - this.n;
    this.n = n;
    // Floyd's heap construction (the heap was empty before the pour).
    for (let start = ((n - 2) / ARITY) | 0; start >= 0 && n > 1; start--) {
      const si = start * STRIDE;
      const t = h[si];
      const k = h[si + 1];
      const d = h[si + 2];
      let i = start;
      let c = ARITY * i + 1;
      while (c < n) {
        const best = smallestChild(h, c, n);
        const bi = best * STRIDE;
        const bt = h[bi];
        if (t < bt || (t === bt && k < h[bi + 1])) break;
        const ii = i * STRIDE;
        h[ii] = bt;
        h[ii + 1] = h[bi + 1];
        h[ii + 2] = h[bi + 2];
        i = best;
        c = ARITY * best + 1;
      }
      const ii = i * STRIDE;
      h[ii] = t;
      h[ii + 1] = k;
      h[ii + 2] = d;
    }
    return count;
  }

  private setBucket(b: number): void {
    this.bucket = b;
    this.edge = (b + 1) * BUCKET_SECONDS;
  }

  /** Moves overflow events that now fall within the ring into their buckets. */
  private rebucketOverflow(): void {
    this.overflowCheckAt = this.bucket + RING / 2;
    const tail = this.chainTail[RING];
    const lastFill = this.chainFill[RING];
    // The chain's blocks go back to the free list only after the walk: a block the walk has not
    // read yet must not be taken for a re-parked entry.
    const head = this.chainHead[RING];
    this.chainHead[RING] = -1;
    this.chainTail[RING] = -1;
    this.chainFill[RING] = 0;
    this.inOverflow = 0;
    this.overflowFirst = Infinity;
    let last = -1;
    for (let block = head; block >= 0; block = this.next[block]) {
      const count = block === tail ? lastFill : BLOCK;
      for (let j = 0; j < count; j++) {
        const e = (block * BLOCK + j) * STRIDE;
        this.park(this.pool[e], this.pool[e + 1], this.pool[e + 2]);
      }
      last = block;
    }
    if (head >= 0) {
      this.next[last] = this.freeBlock;
      this.freeBlock = head;
    }
  }
}

/**
 * The smallest of the children c .. min(c + ARITY, size) - 1 of a heap entry, by (time, tie).
 * Integers in and out, so nothing is boxed if a caller does not inline it.
 */
function smallestChild(h: Float64Array, c: number, size: number): number {
  let best = c;
  let bi = c * STRIDE;
  let bt = h[bi];
  const end = c + ARITY < size ? c + ARITY : size;
  for (let j = c + 1, ji = bi + STRIDE; j < end; j++, ji += STRIDE) {
    const jt = h[ji];
    if (jt < bt || (jt === bt && h[ji + 1] < h[bi + 1])) {
      best = j;
      bi = ji;
      bt = jt;
    }
  }
  return best;
}

/** The tie key: priority (as an 8-bit signed integer) then sequence, as one exact number. */
function tieKey(priority: number, sequence: number): number {
  return (((priority << 24) >> 24) + 128) * TIE_SCALE + sequence;
}

/** The data key: payload (a 32-bit integer) and kind (an 8-bit one). */
function dataKey(kind: number, payload: number): number {
  return (payload | 0) * 256 + (kind & 255);
}

function writeEntry(a: Float64Array, i: number, time: number, tie: number, data: number): void {
  const k = i * STRIDE;
  a[k] = time;
  a[k + 1] = tie;
  a[k + 2] = data;
}

function tooManyEvents(): never {
  throw new Error('event queue: too many events for one run');
}

function bucketNotAhead(b: number, current: number): never {
  throw new Error(`event queue: bucket ${b} is not after the current one (${current})`);
}

function grown(a: Float64Array): Float64Array {
  return grownTo(a, a.length * 2);
}

/** A copy of `a` with room for at least `length` numbers (at least twice its length). */
function grownTo(a: Float64Array, length: number): Float64Array {
  const b = new Float64Array(Math.max(length, a.length * 2));
  b.set(a);
  return b;
}
