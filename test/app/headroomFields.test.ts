import { describe, expect, it } from 'vitest';
import { parseScheduleText } from '../../src/app/editor/fields.tsx';
import { formatFieldValue } from '../../src/app/editor/fieldText.ts';
import { applyKnobs, knobApplies, knobBaseline, NEUTRAL_KNOBS } from '../../src/app/whatif/knobs.ts';
import { parseScenario } from '../../src/scenario/parse.ts';

const get = (doc: unknown, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], doc);

describe('scheduled minimum sizes in the editor', () => {
  it('reads "18:55=1700, 21:10=0" as two actions and writes them back the same way', () => {
    const v = parseScheduleText('18:55=1700, 21:10 = 0');
    expect(v).toEqual([
      { at: '18:55', minNodes: 1700 },
      { at: '21:10', minNodes: 0 },
    ]);
    // 18:55 is 68,100 s after midnight once parsed.
    expect(formatFieldValue([{ at: 68_100, minNodes: 1700 }, { at: '21:10', minNodes: 0 }], 'schedule')).toBe('18:55=1700, 21:10=0');
  });
  it('keeps a part it cannot read as typed, for the schema to name', () => {
    expect(parseScheduleText('18:55=1700, soon')).toEqual([{ at: '18:55', minNodes: 1700 }, 'soon']);
  });
});

describe('what-if knobs for headroom and pre-scale', () => {
  const doc = {
    schemaVersion: 1,
    name: 'pre-scale',
    workload: [{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, pod: { cpuMillicores: 1000, memoryMiB: 1024 } }],
    strategies: [
      {
        kind: 'nodes',
        name: 'n',
        nodePool: {
          instanceTypes: ['m6i.xlarge'],
          maxNodes: 100,
          headroom: { placeholderPods: 5, pod: { cpuMillicores: 1000, memoryMiB: 1024 } },
          schedule: [
            { at: '18:50', minNodes: 40 },
            { at: '21:00', minNodes: 0 },
          ],
        },
      },
    ],
  };
  const scenario = parseScenario(doc);
  const base = knobBaseline(scenario);

  it('start from the scenario: 5 placeholders, pre-scale at 18:50 (67,800 s)', () => {
    expect(base.headroomPods).toBe(5);
    expect(base.preScaleAt).toBe(18 * 3600 + 50 * 60);
    expect(knobApplies('preScaleAt', base)).toBe(true);
  });
  it('move the placeholder count and the action that raises the minimum most, leaving the other', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, headroomPods: 12, preScaleAt: 18 * 3600 + 30 * 60 });
    expect(get(out, 'strategies.0.nodePool.headroom.placeholderPods')).toBe(12);
    expect(get(out, 'strategies.0.nodePool.schedule')).toEqual([
      { at: '18:30', minNodes: 40 },
      { at: '21:00', minNodes: 0 },
    ]);
    expect(() => parseScenario(out)).not.toThrow();
  });
  it('a pre-scale moved onto another action replaces it (one action per time)', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, preScaleAt: 21 * 3600 });
    expect(get(out, 'strategies.0.nodePool.schedule')).toEqual([{ at: '21:00', minNodes: 40 }]);
  });
});
