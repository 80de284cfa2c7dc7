import { describe, expect, it } from 'vitest';
import { costBreakdownLayout, costItemLabel, costItems, type CostBreakdownInput } from '../../src/charts/costBreakdownLayout.ts';

const strategies: CostBreakdownInput[] = [
  { name: 'Nodes', color: '#0072B2', items: { nodeCompute: 100, controlPlane: 2, serverlessCpu: 0, serverlessMemory: 0 } },
  { name: 'Serverless', color: '#D55E00', items: { nodeCompute: 0, controlPlane: 0, serverlessCpu: 50, serverlessMemory: 10, ops: 0 } },
];

describe('cost breakdown layout', () => {
  it('keeps the line items that are non-zero somewhere, in first-seen order', () => {
    expect(costItems(strategies)).toEqual(['nodeCompute', 'controlPlane', 'serverlessCpu', 'serverlessMemory']);
    expect(costItemLabel('serverlessCpu')).toBe('Serverless vCPU');
    expect(costItemLabel('Ops staff')).toBe('Ops staff');
  });

  it('groups one bar per strategy under each item, on one money axis', () => {
    // width 500: margins 130 + 16 -> 354 px. Group = 2 bars x 14 px + 12 = 40 px; 4 groups = 160 px.
    const layout = costBreakdownLayout(strategies, 500, (v) => `$${v}`);
    expect(layout.innerWidth).toBe(354);
    expect(layout.innerHeight).toBe(160);
    expect(layout.height).toBe(196);
    expect(layout.x.domain()).toEqual([0, 100]);
    const bar = (item: string, strategy: string) => layout.bars.find((b) => b.item === item && b.strategy === strategy)!;
    expect(bar('nodeCompute', 'Nodes')).toMatchObject({ y: 6, width: 354, height: 12, color: '#0072B2' });
    // serverlessCpu is the third group (y 80); the second strategy's bar is 14 px lower; 50 of 100 -> 177 px.
    expect(bar('serverlessCpu', 'Serverless')).toMatchObject({ y: 100, width: 177, value: 50 });
    expect(bar('serverlessCpu', 'Nodes').width).toBe(0);
    expect(layout.groups.map((g) => [g.label, g.y])).toEqual([
      ['Node compute', 0],
      ['Control plane', 40],
      ['Serverless vCPU', 80],
      ['Serverless memory', 120],
    ]);
  });

  it('puts item labels above the bars on a phone, giving bars the full width', () => {
    // width 360: margins 8 + 16 -> 336 px; each group gains a 16 px label row: 2 x 14 + 12 + 16 = 56 px.
    const layout = costBreakdownLayout(strategies, 360, (v) => `$${v}`);
    expect(layout.innerWidth).toBe(336);
    expect(layout.groups[1]).toMatchObject({ label: 'Control plane', y: 56, labelX: 0, labelY: 70, labelAnchor: 'start' });
    expect(layout.bars.find((b) => b.item === 'nodeCompute' && b.strategy === 'Nodes')).toMatchObject({ y: 22, width: 336 });
  });
});
