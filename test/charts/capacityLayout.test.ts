import { describe, expect, it } from 'vitest';
import { capacityLayout } from '../../src/charts/capacityLayout.ts';
import { fleetLayout } from '../../src/charts/fleetLayout.ts';
import { OKABE_ITO, strategyColor, strategyDash } from '../../src/charts/palette.ts';
import { pathNumbers } from './helpers.ts';

describe('capacity layout', () => {
  const input = [
    { name: 'A', color: '#000', t: [0, 100, 200], requestedVcpu: [1, 2, 2], provisionedVcpu: [2, 2, 4] },
    { name: 'B', color: '#111', t: [0, 100, 200], requestedVcpu: [1, 2, 2], provisionedVcpu: [1, 2, 2] },
  ];

  it('totals the idle vCPU-hours: provisioned above requested, times bucket length', () => {
    // A: (2-1) x 100 s + 0 + (4-2) x 100 s = 300 vCPU-s = 1/12 vCPU-h; paid (2+2+4) x 100 s = 800 vCPU-s.
    const layout = capacityLayout(input, 300, 500, 150);
    expect(layout.panels[0].idleVcpuHours).toBeCloseTo(300 / 3600, 10);
    expect(layout.panels[0].provisionedVcpuHours).toBeCloseTo(800 / 3600, 10);
    expect(layout.panels[1].idleVcpuHours).toBe(0);
  });

  it('shares one vCPU axis across panels', () => {
    // 150 px panel - 22 - 30 = 98 px; domain [0, 4]: 4 vCPU at the top.
    const layout = capacityLayout(input, 300, 500, 150);
    expect(layout.y.domain()).toEqual([0, 4]);
    expect(layout.panelInnerHeight).toBe(98);
    // A's provisioned line: x 0,140,280,420 (420 px over 300 s), y(2) = 49, y(4) = 0.
    expect(pathNumbers(layout.panels[0].provisionedLine)).toEqual([0, 49, 140, 49, 140, 49, 280, 49, 280, 0, 420, 0, 420, 0]);
  });
});

describe('fleet layout', () => {
  it('makes a panel per resource with only the strategies that use it', () => {
    const layout = fleetLayout(
      [
        { name: 'Nodes', color: '#000', dash: '', t: [0, 10, 20], nodes: [0, 5, 3], serverlessPods: [0, 0, 0] },
        { name: 'Serverless', color: '#111', dash: '', t: [0, 10, 20], nodes: [0, 0, 0], serverlessPods: [1, 40, 2] },
      ],
      30,
      500,
      170,
    );
    expect(layout.panels.map((p) => [p.measure, p.lines.map((l) => l.name)])).toEqual([
      ['nodes', ['Nodes']],
      ['serverlessPods', ['Serverless']],
    ]);
    expect(layout.panels[0].y.domain()).toEqual([0, 5]);
    expect(layout.panels[1].lines[0].peak).toBe(40);
  });
});

describe('strategy colours', () => {
  it('uses the Okabe-Ito palette in a fixed order, cycling with distinct dashes', () => {
    expect(strategyColor(0)).toBe('#0072B2');
    expect(strategyColor(1)).toBe('#D55E00');
    expect(strategyColor(OKABE_ITO.length)).toBe(strategyColor(0));
    expect(new Set([0, 1, 2, 3, 4, 5].map(strategyDash)).size).toBe(6);
  });
});
