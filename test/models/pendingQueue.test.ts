import { describe, expect, it } from 'vitest';
import { PendingQueue } from '../../src/models/pendingQueue.ts';

/** Pods of one shape (1 vCPU, 1 GiB): one group. */
const push = (q: PendingQueue, ...pods: number[]) => pods.forEach((p) => q.push(p, 1000, 1024));

describe('PendingQueue.markYoungest (the pods a node limit left waiting)', () => {
  it('marks the k youngest live pods once, then only newcomers', () => {
    const q = new PendingQueue(10);
    push(q, 0, 1, 2, 3);
    const seen: number[] = [];
    expect(q.markYoungest(0, 2, (p) => seen.push(p))).toBe(2);
    expect(seen).toEqual([3, 2]);
    // Next scan: the same two still wait, one more arrived; asked for 3, only the newcomer is new.
    push(q, 4);
    expect(q.markYoungest(0, 3, (p) => seen.push(p))).toBe(1);
    expect(seen).toEqual([3, 2, 4]);
  });

  it('a pod back in the queue (evicted) is unmarked and does not hide the pods before it', () => {
    // Pod 0 was marked, scheduled, then evicted back to the queue behind pods 1 and 2 that arrived
    // meanwhile. All three now wait on the limit: before, pod 0's old mark stopped the walk at it
    // (the youngest) and pods 1 and 2 were never marked, so their wait counted as provisioning.
    const q = new PendingQueue(10);
    push(q, 0);
    expect(q.markYoungest(0, 1)).toBe(1);
    q.remove(0);
    push(q, 1, 2, 0);
    const seen: number[] = [];
    expect(q.markYoungest(0, 3, (p) => seen.push(p))).toBe(3);
    expect(seen).toEqual([0, 2, 1]);
  });
});
