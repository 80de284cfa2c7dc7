import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/metrics/recorder.ts';
import { Cluster, RAN_ON, RAN_ON_NODE, RAN_ON_SERVERLESS } from '../../src/models/cluster.ts';
import { interruptPod } from '../../src/models/interruptions.ts';
import { Kernel } from '../../src/sim/kernel.ts';
import { Random } from '../../src/sim/random.ts';
import { PodTableBuilder } from '../../src/workload/podTable.ts';

/** Pods of the given [arrival, duration, fixed end] on a bare cluster (no models: the test drives it). */
function clusterOf(pods: Array<[number, number, boolean?]>): Cluster {
  const b = new PodTableBuilder();
  const cls = b.classId('c');
  for (const [arrival, duration, fixed] of pods) b.add(arrival, duration, 1000, 1024, cls, fixed ?? false);
  return new Cluster(new Kernel(), b.finish(), new Recorder(86400, 100), new Random(1));
}

// The Cluster keeps a stopped pod's times apart from the others' (which it derives from the first
// Running and the duration): these check both kinds by hand, through stops and restarts.
describe('Cluster: run time owed across stops', () => {
  it('a pod never stopped runs its whole duration from its first Running', () => {
    const c = clusterOf([[0, 1000]]);
    expect(c.runFrom(0, 10, 1)).toBe(1010);
    expect([c.runningAt(0), c.remaining(0), c.finishAt(0), c.firstRunningAt[0]]).toEqual([10, 1000, 1010, 10]);
    expect(c.flags[0] & RAN_ON).toBe(RAN_ON_NODE);
  });

  it('an evicted pod resumes with what it still owed, every time it is evicted', () => {
    const c = clusterOf([[0, 1000]]);
    c.runFrom(0, 10, 1);
    // Running from 10 s, evicted at 400 s: it ran 390 s and owes 610 s.
    c.stop(0, 400);
    expect(c.remaining(0)).toBe(610);
    // Running again at 500 s: ends at 500 + 610.
    expect(c.runFrom(0, 500, 1)).toBe(1110);
    expect([c.runningAt(0), c.finishAt(0), c.firstRunningAt[0]]).toEqual([500, 1110, 10]);
    // Evicted again at 600 s (ran 100 s more): owes 510 s; Running at 700 s, ends at 1210 s.
    c.stop(0, 600);
    expect(c.remaining(0)).toBe(510);
    expect(c.runFrom(0, 700, 2)).toBe(1210);
    expect(c.finishAt(0)).toBe(1210);
    // Where it first ran does not change.
    expect(c.flags[0] & RAN_ON).toBe(RAN_ON_NODE);
    expect(c.notYetRunning(0)).toBe(false);
  });

  it('a pod with a fixed end stops at it, evicted or not', () => {
    // Arrives at 0 for 1000 s with a fixed end: it ends at 1000 s whenever it starts.
    const c = clusterOf([[0, 1000, true]]);
    expect(c.runFrom(0, 10, 1)).toBe(1000);
    c.stop(0, 400);
    // It owes what was left to its end (600 s); from 500 s that would end at 1100 s, past its end.
    expect(c.remaining(0)).toBe(600);
    expect(c.runFrom(0, 500, 1)).toBe(1000);
    c.stop(0, 900);
    // Running again only after its end: it stops as it starts.
    expect(c.runFrom(0, 1200, 1)).toBe(1200);
  });

  it('a pod stopped while still starting its first run is pending again and owes its whole duration', () => {
    const c = clusterOf([[0, 300]]);
    c.runFrom(0, 50, 2);
    c.stop(0, 20);
    expect(c.notYetRunning(0)).toBe(true);
    expect(c.flags[0] & RAN_ON).toBe(0);
    expect(c.runFrom(0, 80, 1)).toBe(380);
    expect([c.firstRunningAt[0], c.remaining(0)]).toEqual([80, 300]);
    expect(c.flags[0] & RAN_ON).toBe(RAN_ON_NODE);
  });

  it('an interrupted pod keeps its last checkpoint, also on its second interruption', () => {
    const c = clusterOf([[0, 1000]]);
    c.runFrom(0, 10, 2);
    // Interrupted at 710 s: 700 s done, checkpoints every 300 s keep 600 s; 100 s lost, 400 s owed.
    expect(interruptPod(c, 0, 710, 300)).toBe(100);
    expect(c.remaining(0)).toBe(400);
    expect(c.runFrom(0, 800, 2)).toBe(1200);
    // Interrupted at 950 s: 150 s more done (750 s in all), 600 s kept again; 150 s lost.
    expect(interruptPod(c, 0, 950, 300)).toBe(150);
    expect(c.remaining(0)).toBe(400);
    // Interrupted while starting again (before its Running at 1100 s): nothing more done.
    expect(c.runFrom(0, 1100, 2)).toBe(1500);
    expect(interruptPod(c, 0, 1050, 300)).toBe(0);
    expect(c.remaining(0)).toBe(400);
    expect(c.flags[0] & RAN_ON).toBe(RAN_ON_SERVERLESS);
  });

  it("tells a pod's current finish from one scheduled before it was stopped", () => {
    const c = clusterOf([[0, 1000], [0, 300], [0, 500]]);
    // Pod 0, never stopped: its one finish at 1,010 s is current.
    c.runFrom(0, 10, 1);
    expect(c.finishesNow(0, 1010)).toBe(true);
    // Pod 1: Running at 10 s (finish at 310 s), evicted at 100 s, Running again at 150 s: it owes
    // 210 s, so it ends at 360 s; the event at 310 s is stale.
    c.runFrom(1, 10, 1);
    c.stop(1, 100);
    c.runFrom(1, 150, 1);
    expect(c.finishesNow(1, 310)).toBe(false);
    expect(c.finishesNow(1, 360)).toBe(true);
    // Pod 2: stopped while starting (Running was to be at 50 s, finish 550 s), started again to
    // be Running at 60 s: the event at 550 s is stale, 560 s is current.
    c.runFrom(2, 50, 1);
    c.stop(2, 20);
    expect(c.finishesNow(2, 550)).toBe(false);
    c.runFrom(2, 60, 1);
    expect(c.finishesNow(2, 550)).toBe(false);
    expect(c.finishesNow(2, 560)).toBe(true);
  });
});
