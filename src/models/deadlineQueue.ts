import { replaceable } from '../sim/replaceable.ts';

/** A first-in-first-out queue of (pod, deadline) in a growable ring of typed arrays. */
export class DeadlineQueue {
  private pods = new Int32Array(1024);
  private deadlines = new Float64Array(1024);
  private head = 0;
  size = 0;

  constructor() {
    this.pods = replaceable(this.pods);
    this.deadlines = replaceable(this.deadlines);
  }

  get headDeadline(): number {
    return this.deadlines[this.head];
  }

  get headPod(): number {
    return this.pods[this.head];
  }

  push(pod: number, deadline: number): void {
    if (this.size === this.pods.length) this.grow();
    const i = (this.head + this.size) & (this.pods.length - 1);
    this.pods[i] = pod;
    this.deadlines[i] = deadline;
    this.size++;
  }

  shift(): number {
    const pod = this.pods[this.head];
    this.head = (this.head + 1) & (this.pods.length - 1);
    this.size--;
    return pod;
  }

  private grow(): void {
    const n = this.pods.length;
    const pods = new Int32Array(2 * n);
    const deadlines = new Float64Array(2 * n);
    for (let k = 0; k < this.size; k++) {
      pods[k] = this.pods[(this.head + k) & (n - 1)];
      deadlines[k] = this.deadlines[(this.head + k) & (n - 1)];
    }
    this.pods = pods;
    this.deadlines = deadlines;
    this.head = 0;
  }
}
