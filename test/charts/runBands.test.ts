import { describe, expect, it } from 'vitest';
import { cumulativeCostLayout } from '../../src/charts/cumulativeCostLayout.ts';
import { pendingCdfLayout } from '../../src/charts/pendingCdfLayout.ts';

describe('Monte Carlo bands in the charts', () => {
  it('the cost band is an area between p5 and p95 per bucket, and the money axis reaches its top', () => {
    const t = Float64Array.of(0, 100);
    const layout = cumulativeCostLayout(
      [{ name: 'a', color: '#000', dash: '', t, cumulativeCost: Float64Array.of(5, 10), band: { p5: Float64Array.of(4, 8), p95: Float64Array.of(6, 30) } }],
      200,
      600,
      300,
      String,
    );
    const [line] = layout.lines;
    expect(line.bandD).toMatch(/^M.*Z$/);
    // The line alone tops out at 10; the band's p95 of 30 must fit on the axis.
    expect(layout.y.domain()[1]).toBeGreaterThanOrEqual(30);
    // Without a band: no area.
    const plain = cumulativeCostLayout([{ name: 'a', color: '#000', dash: '', t, cumulativeCost: Float64Array.of(5, 10) }], 200, 600, 300, String);
    expect(plain.lines[0].bandD).toBeUndefined();
  });

  it('the pending band spans p5..p95 seconds at each quantile, and widens the time axis to hold it', () => {
    const layout = pendingCdfLayout([{ name: 'a', color: '#000', dash: '', cdf: Float64Array.of(1, 5, 20), band: { p5: Float64Array.of(1, 4, 15), p95: Float64Array.of(2, 8, 2000) } }], 60, 600, 300);
    expect(layout.lines[0].bandD).toMatch(/^M.*Z$/);
    // Largest pending time 2000 s (the band's) -> the axis ends at the next power of ten, 10,000 s.
    expect(layout.x.domain()[1]).toBe(10_000);
  });
});
