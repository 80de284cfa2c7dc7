/**
 * A binary min-heap of node slots by a numeric key, each entry tagged with an int (the node's
 * listing number when it was pushed, so a reader can tell an entry of an earlier listing of the
 * same slot and drop it: entries are never removed in place, only popped). Growable typed arrays.
 */
export class SlotHeap {
  private keys = new Float64Array(64);
  private slots = new Int32Array(64);
  private tags = new Int32Array(64);
  size = 0;

  push(key: number, slot: number, tag: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const slots = this.slots;
    const tags = this.tags;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      slots[i] = slots[parent];
      tags[i] = tags[parent];
      i = parent;
    }
    keys[i] = key;
    slots[i] = slot;
    tags[i] = tag;
  }

  get topKey(): number {
    return this.keys[0];
  }

  get topSlot(): number {
    return this.slots[0];
  }

  get topTag(): number {
    return this.tags[0];
  }

  /** Removes the smallest entry (read it first with topKey / topSlot / topTag). */
  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const keys = this.keys;
    const slots = this.slots;
    const tags = this.tags;
    const key = keys[n];
    const slot = slots[n];
    const tag = tags[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      slots[i] = slots[c];
      tags[i] = tags[c];
      i = c;
    }
    keys[i] = key;
    slots[i] = slot;
    tags[i] = tag;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const keys = new Float64Array(n);
    keys.set(this.keys);
    const slots = new Int32Array(n);
    slots.set(this.slots);
    const tags = new Int32Array(n);
    tags.set(this.tags);
    this.keys = keys;
    this.slots = slots;
    this.tags = tags;
  }
}
