import { describe, expect, it } from 'vitest';
import { exportHeader } from '../../src/charts/exportHeader.ts';

describe('an exported chart carries its title and legend', () => {
  it('puts the title above the legend and the legend above the plot', () => {
    // 800 px: usable 776 px. Entries: 22 + 6 + 6.8 x label length, 16 px apart.
    const h = exportHeader('Cumulative cost', [
      { label: 'ACK', color: '#111', mark: 'line' },
      { label: 'ECI', color: '#222', mark: 'box' },
    ], 800);
    expect(h.titleLines).toEqual([{ text: 'Cumulative cost', y: 27 }]);
    // Legend row at 12 + 22 + 10 = 44; second entry after 28 + 3 x 6.8 + 16 = 64.4 px.
    expect(h.legend.map((e) => [e.label, e.x, e.y])).toEqual([['ACK', 12, 44], ['ECI', 12 + 28 + 20.4 + 16, 44]]);
    expect(h.height).toBe(Math.ceil(44 + 18 - 6 + 4));
  });

  it('wraps legend entries that do not fit one row, and a long title onto more lines', () => {
    // 300 px: usable 276 px; each 20-character entry is 28 + 136 = 164 px, so one per row.
    const label = 'x'.repeat(20);
    const h = exportHeader('A title long enough that it cannot fit on one line', [1, 2, 3].map((i) => ({ label: `${label}`, color: `#${i}${i}${i}`, mark: 'box' as const })), 300);
    // 276 / 8.6 = 32 characters per title line.
    expect(h.titleLines.map((l) => l.text)).toEqual(['A title long enough that it', 'cannot fit on one line']);
    const rows = h.legend.map((e) => e.y);
    expect(rows).toEqual([12 + 44 + 10, 12 + 44 + 10 + 18, 12 + 44 + 10 + 36]);
    expect(h.legend.every((e) => e.x === 12)).toBe(true);
    expect(h.height).toBeGreaterThan(rows[2] + 10);
  });
});
