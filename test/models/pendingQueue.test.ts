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
    q.remove(0, 1000, 1024);
    push(q, 1, 2, 0);
    const seen: number[] = [];
    expect(q.markYoungest(0, 3, (p) => seen.push(p))).toBe(3);
    expect(seen).toEqual([0, 2, 1]);
  });
});

describe('PendingQueue: one group per request shape, oldest entry first', () => {
  it('a pod taken out and queued again is live from its older entry, once', () => {
    // Pods 0 and 1 (1 vCPU, 1 GiB) queue; 0 times out (remove), then comes back behind 1: its group
    // holds entries [0, 1, 0] for two live pods. The older entry of 0 is live again, so 0 is still
    // first; after it and 1 leave, the group is empty and its last entry is never seen.
    const q = new PendingQueue(10);
    push(q, 0, 1);
    q.remove(0, 1000, 1024);
    expect(q.count[0]).toBe(1);
    push(q, 0);
    expect(q.count[0]).toBe(2);
    expect(q.total).toBe(2);
    expect(q.peek(0)).toBe(0);
    q.take(0, 0);
    expect(q.peek(0)).toBe(1);
    q.take(1, 0);
    expect(q.peek(0)).toBe(-1);
    expect(q.total).toBe(0);
  });

  it('keeps shapes apart, and removing a pod not queued changes nothing', () => {
    const q = new PendingQueue(10);
    q.push(0, 1000, 1024);
    q.push(1, 500, 1024);
    q.push(2, 1000, 1024);
    expect(q.group(1000, 1024)).toBe(0);
    expect(q.group(500, 1024)).toBe(1);
    q.remove(3, 1000, 1024);
    q.remove(2, 1000, 1024);
    q.remove(2, 1000, 1024);
    expect(q.count).toEqual([1, 1]);
    expect(q.total).toBe(2);
    expect(q.peek(0)).toBe(0);
    expect(q.peek(1)).toBe(1);
  });
});
