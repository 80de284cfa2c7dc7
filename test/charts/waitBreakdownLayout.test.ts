import { describe, expect, it } from 'vitest';
import { WAIT_CAUSES, type WaitCause } from '../../src/metrics/waits.ts';
import { WAIT_CAUSE_COLOR, waitBreakdownLayout } from '../../src/charts/waitBreakdownLayout.ts';

const causes = (c: Partial<Record<WaitCause, number>>) => Object.fromEntries(WAIT_CAUSES.map((k) => [k, c[k] ?? 0])) as Record<WaitCause, number>;

describe('wait breakdown layout', () => {
  it('stacks each strategy’s causes in the standard order, lengths in pod-hours on one scale', () => {
    // A: 3,600 s provisioning + 7,200 s image pull = 3 pod-hours; B: 3,600 s launch limit = 1.
    const l = waitBreakdownLayout(
      [
        { name: 'A', totalSeconds: 10800, byCause: causes({ imagePull: 7200, provisioning: 3600 }) },
        { name: 'B', totalSeconds: 3600, byCause: causes({ launchThrottle: 3600 }) },
      ],
      800,
    );
    expect(l.causes).toEqual(['provisioning', 'launchThrottle', 'imagePull']);
    const a = l.segments.filter((s) => s.strategy === 'A');
    expect(a.map((s) => s.cause)).toEqual(['provisioning', 'imagePull']);
    expect(a[0].x).toBe(0);
    // The second part starts where the first ends, and A's bar is three times B's.
    expect(a[1].x).toBeCloseTo(a[0].width, 9);
    expect(a[0].width + a[1].width).toBeCloseTo(3 * l.segments.find((s) => s.strategy === 'B')!.width, 9);
    expect(a[1].share).toBeCloseTo(2 / 3, 12);
    expect(a[1].podHours).toBe(2);
    expect(a[1].color).toBe(WAIT_CAUSE_COLOR.imagePull);
    // Rows one under another, label left of the bar on a wide chart.
    expect(l.rows[1].y).toBeGreaterThan(l.rows[0].y + a[0].height);
    expect(l.rows[0].labelAnchor).toBe('end');
  });

  it('a strategy whose pods never waited gets a row and no parts', () => {
    const l = waitBreakdownLayout([{ name: 'idle', totalSeconds: 0, byCause: causes({}) }], 300);
    expect(l.segments).toEqual([]);
    expect(l.rows).toHaveLength(1);
    expect(l.rows[0].labelAnchor).toBe('start');
  });
});

describe('wait breakdown axis', () => {
  it('says its unit on the last tick', () => {
    const l = waitBreakdownLayout([{ name: 'A', totalSeconds: 36000, byCause: causes({ sandbox: 36000 }) }], 800);
    expect(l.xTicks[0].label).toBe('0');
    expect(l.xTicks.at(-1)!.label).toMatch(/^10 pod-h$/);
  });
});
