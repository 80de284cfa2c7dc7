import { describe, expect, it } from 'vitest';
import { PodTableBuilder } from '../../src/workload/podTable.ts';

// The CLI builds the pod table straight into SharedArrayBuffers for its strategy threads (no copy
// after the build): the same pods, in the same order, in shared memory.
describe('PodTableBuilder.finish(shared)', () => {
  const fill = (b: PodTableBuilder, rows: Array<[number, number, number, number, string, boolean?]>) => {
    for (const [arrival, duration, cpu, mem, cls, fixed] of rows) b.add(arrival, duration, cpu, mem, b.classId(cls), fixed);
  };
  const arrays = (t: ReturnType<PodTableBuilder['finish']>) => [t.arrival, t.duration, t.cpu, t.mem, t.cls, ...(t.fixedEnd ? [t.fixedEnd] : [])];

  it('unsorted input: sorted by arrival (ties in insertion order), every array shared and exactly count long', () => {
    const b = new PodTableBuilder();
    fill(b, [
      [30, 1, 100, 200, 'a'],
      [10, 2, 300, 400, 'b', true],
      [30, 3, 500, 600, 'b'],
      [20, 4, 700, 800, 'a'],
    ]);
    const t = b.finish(true);
    expect(t.count).toBe(4);
    for (const a of arrays(t)) {
      expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(a.length).toBe(4);
    }
    expect([...t.arrival]).toEqual([10, 20, 30, 30]);
    expect([...t.duration]).toEqual([2, 4, 1, 3]);
    expect([...t.cpu]).toEqual([300, 700, 100, 500]);
    expect([...t.mem]).toEqual([400, 800, 200, 600]);
    expect([...t.cls].map((c) => t.classNames[c])).toEqual(['b', 'a', 'a', 'b']);
    expect([...t.fixedEnd!]).toEqual([1, 0, 0, 0]);
  });

  it('already sorted input: the same values, shared; without the flag, ordinary buffers', () => {
    const rows: Array<[number, number, number, number, string]> = [
      [1, 5, 10, 20, 'x'],
      [2, 6, 30, 40, 'y'],
      [2, 7, 50, 60, 'x'],
    ];
    const shared = new PodTableBuilder();
    fill(shared, rows);
    const plain = new PodTableBuilder();
    fill(plain, rows);
    const s = shared.finish(true);
    const p = plain.finish();
    for (const a of arrays(s)) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const a of arrays(p)) expect(a.buffer).toBeInstanceOf(ArrayBuffer);
    expect(s.fixedEnd).toBeUndefined();
    expect([...s.arrival]).toEqual([1, 2, 2]);
    expect([...s.duration]).toEqual([5, 6, 7]);
    expect([...s.cpu]).toEqual([10, 30, 50]);
    expect([...s.mem]).toEqual([20, 40, 60]);
    expect([...s.cls]).toEqual([0, 1, 0]);
  });
});
