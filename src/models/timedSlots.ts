import { replaceable } from '../sim/replaceable.ts';

/**
 * Node slots keyed by a time, earliest first: a binary min-heap in growable typed arrays. Ties
 * come out in no particular order (its users treat every due entry alike).
 */
export class TimedSlots {
  private times = new Float64Array(64);
  private slots = new Int32Array(64);
  size = 0;

  constructor() {
    this.times = replaceable(this.times);
    this.slots = replaceable(this.slots);
  }

  /** The earliest time (Infinity when empty). */
  get headTime(): number {
    return this.size > 0 ? this.times[0] : Infinity;
  }

  push(slot: number, time: number): void {
    if (this.size === this.slots.length) this.grow();
    const times = this.times;
    const slots = this.slots;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= time) break;
      times[i] = times[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  /** Removes the earliest entry and returns its slot. */
  pop(): number {
    const times = this.times;
    const slots = this.slots;
    const top = slots[0];
    const n = --this.size;
    const time = times[n];
    const slot = slots[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && times[c + 1] < times[c]) c++;
      if (times[c] >= time) break;
      times[i] = times[c];
      slots[i] = slots[c];
      i = c;
    }
    times[i] = time;
    slots[i] = slot;
    return top;
  }

  private grow(): void {
    const times = new Float64Array(2 * this.times.length);
    times.set(this.times);
    const slots = new Int32Array(2 * this.slots.length);
    slots.set(this.slots);
    this.times = times;
    this.slots = slots;
  }
}
