import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, safeParseScenario } from '../../src/scenario/parse.ts';
import { applyKnobs, changedKnobs, knobApplies, knobBaseline, NEUTRAL_KNOBS, withMedian } from '../../src/app/whatif/knobs.ts';
import { fadeColor, pinDelta, pinnedChartStrategies } from '../../src/app/whatif/pinned.ts';
import { durationDomain, paretoScatterLayout, placeMarkerLabels, sweepLineLayout } from '../../src/app/whatif/sweepLayout.ts';
import { planAppSweep, targetLabel } from '../../src/app/whatif/sweepPlan.ts';
import { setIn } from '../../src/app/draft.ts';
import { poolSize } from '../../src/app/whatif/sweepPool.ts';
import type { StrategyResult } from '../../src/metrics/result.ts';

const headlineDoc = () => JSON.parse(readFileSync(new URL('../../scenarios/online-class-evening-burst.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const get = (doc: unknown, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], doc);

describe('what-if knobs for commitments and spot', () => {
  const doc = {
    schemaVersion: 1,
    name: 'spot and plan',
    workload: [{ type: 'batch', name: 'jobs', jobsPerHour: 10, runtime: { kind: 'constant', seconds: 60 }, pod: { cpuMillicores: 500, memoryMiB: 512 } }],
    strategies: [
      { kind: 'nodes', name: 'on demand + plan', commitment: { perHour: 2, discount: 0.3 }, nodePool: { instanceTypes: ['m6i.xlarge'] } },
      { kind: 'nodes', name: 'spot', nodePool: { instanceTypes: ['m6i.xlarge'], spot: {} } },
    ],
  };
  const scenario = parseScenario(doc);
  const base = knobBaseline(scenario);

  it('start from the scenario: the commitment level, and the EC2 Spot preset rate (0.05 per node-month)', () => {
    expect(base.commitmentPerHour).toBe(2);
    expect(base.spotInterruptionsPerMonth).toBe(0.05);
    expect(knobApplies('commitmentPerHour', base)).toBe(true);
  });

  it('write the commitment level and the interruption rate where they exist, and nowhere else', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, commitmentPerHour: 3.5, spotInterruptionsPerMonth: 0.2 });
    expect(get(out, 'strategies.0.commitment')).toEqual({ perHour: 3.5, discount: 0.3 });
    expect(get(out, 'strategies.1.commitment')).toBeUndefined();
    expect(get(out, 'strategies.1.nodePool.spot')).toEqual({ interruptionsPerMonth: 0.2 });
    expect(get(out, 'strategies.0.nodePool.spot')).toBeUndefined();
    expect(safeParseScenario(out).ok).toBe(true);
  });
});

describe('what-if knobs on the headline scenario', () => {
  const doc = headlineDoc();
  const scenario = parseScenario(doc);
  const base = knobBaseline(scenario);

  it('reads the scenario values the sliders start from', () => {
    expect(base).toEqual({
      burstSources: 1,
      // ACK preset: node group 100 s + create 2 s + boot 20 s + registration 30 s + Ready 10 s.
      provisioningMedian: 162,
      scaleDownUnneededTime: 600,
      instanceType: 'ecs.g7.2xlarge',
      serverlessStrategies: 2,
      overflowTimeout: 60,
      minNodes: 4,
      scaleDownUtilizationThreshold: 0.5,
      // cluster-autoscaler's default scan interval, the pools' maxNodes, ECI's preset 20 launches/s.
      scanInterval: 10,
      maxNodes: 3000,
      launchRatePerSecond: 20,
      headroomPods: null,
      preScaleAt: null,
      consolidateAfter: null,
      commitmentPerHour: null,
      spotInterruptionsPerMonth: null,
    });
    expect(knobApplies('headroomPods', base)).toBe(false);
    expect(knobApplies('overflowTimeout', base)).toBe(true);
    // No strategy has a commitment or spot nodes: those knobs are disabled.
    expect(knobApplies('commitmentPerHour', base)).toBe(false);
    expect(knobApplies('spotInterruptionsPerMonth', base)).toBe(false);
  });

  it('neutral knobs give back the very same draft', () => {
    expect(applyKnobs(doc, scenario, NEUTRAL_KNOBS)).toBe(doc);
    expect(changedKnobs(NEUTRAL_KNOBS)).toEqual([]);
  });

  it('burst size scales podsPerSession (12,000 x 0.8 = 9,600) and leaves the diurnal service alone', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, burstScale: 0.8 });
    expect(get(out, 'workload.1.podsPerSession')).toBe(9600);
    expect(get(out, 'workload.0')).toEqual(get(doc, 'workload.0'));
    expect(get(doc, 'workload.1.podsPerSession')).toBe(12000);
  });

  it('batch sources scale jobsPerHour', () => {
    const batch = { schemaVersion: 1, name: 'b', workload: [{ type: 'batch', name: 'jobs', jobsPerHour: 30, runtime: { kind: 'constant', seconds: 60 }, pod: { cpuMillicores: 500, memoryMiB: 512 } }], strategies: [{ kind: 'serverless', name: 'F', serverless: {} }] };
    const out = applyKnobs(batch, parseScenario(batch), { ...NEUTRAL_KNOBS, burstScale: 1.5 });
    expect(get(out, 'workload.0.jobsPerHour')).toBe(45);
  });

  it('provisioning time scales every stage of every pool alike, keeping each p95/median ratio (162 s -> 324 s: x2)', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, provisioningMedian: 324 });
    for (const i of [0, 2]) {
      expect(get(out, `strategies.${i}.nodePool.provisioning.nodeGroupDelay`)).toEqual({ kind: 'lognormal', median: 200, p95: 260 });
      expect(get(out, `strategies.${i}.nodePool.provisioning.stages`)).toEqual({
        request: { kind: 'lognormal', median: 4, p95: 10 },
        boot: { kind: 'lognormal', median: 40, p95: 80 },
        register: { kind: 'lognormal', median: 60, p95: 100 },
        ready: { kind: 'lognormal', median: 20, p95: 50 },
      });
      expect(get(out, `strategies.${i}.nodePool.provisioningDelay`)).toBeUndefined();
    }
    expect(get(out, 'strategies.1.nodePool')).toBeUndefined();
    // The moved scenario reads back at the slider's value.
    expect(knobBaseline(parseScenario(out)).provisioningMedian).toBeCloseTo(324, 9);
    expect(withMedian({ kind: 'uniform', min: 10, max: 20 }, 30)).toEqual({ kind: 'uniform', min: 20, max: 40 });
    expect(withMedian({ kind: 'constant', seconds: 5 }, 30)).toEqual({ kind: 'constant', seconds: 30 });
  });

  it('serverless price multiplies the preset prices (ECI 0.02772 x 2 = 0.05544 per vCPU-h, 0.003456 x 2 = 0.006912 per GiB-h)', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, serverlessPriceScale: 2 });
    for (const i of [1, 2]) {
      expect(get(out, `strategies.${i}.serverless.pricePerVcpuHour`)).toBe(0.05544);
      expect(get(out, `strategies.${i}.serverless.pricePerGiBHour`)).toBe(0.006912);
    }
  });

  it('overflow timeout, min nodes, unneeded time, headroom threshold and instance type land on the right fields', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, overflowTimeout: 120, minNodes: 10, scaleDownUnneededTime: 300, scaleDownUtilizationThreshold: 0.3, instanceType: 'ecs.g7.xlarge' });
    expect(get(out, 'strategies.2.overflow.whenTryNextUnits')).toEqual({ policy: 'TimeoutOrExceedMax', timeout: 120 });
    for (const i of [0, 2]) {
      expect(get(out, `strategies.${i}.nodePool.minNodes`)).toBe(10);
      expect(get(out, `strategies.${i}.nodePool.autoscaler`)).toEqual({ scaleDownUnneededTime: 300, scaleDownUtilizationThreshold: 0.3 });
      expect(get(out, `strategies.${i}.nodePool.instanceTypes`)).toEqual(['ecs.g7.xlarge']);
    }
    const parsed = safeParseScenario(out);
    expect(parsed.ok).toBe(true);
  });

  it('scan interval, max nodes and launch limit land on the right fields (the preset burst of 100 kept)', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, scanInterval: 30, maxNodes: 500, launchRatePerSecond: 50 });
    for (const i of [0, 2]) {
      expect(get(out, `strategies.${i}.nodePool.autoscaler`)).toEqual({ scanInterval: 30 });
      expect(get(out, `strategies.${i}.nodePool.maxNodes`)).toBe(500);
    }
    for (const i of [1, 2]) expect(get(out, `strategies.${i}.serverless.launchRate`)).toEqual({ burst: 100, perSecond: 50 });
    expect(safeParseScenario(out).ok).toBe(true);
  });

  it('max nodes never goes below minNodes, and min nodes follows a lowered max', () => {
    expect(get(applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, maxNodes: 1 }), 'strategies.0.nodePool.maxNodes')).toBe(4);
    const both = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, maxNodes: 10, minNodes: 20 });
    expect(get(both, 'strategies.0.nodePool.minNodes')).toBe(10);
  });

  it('consolidateAfter lands on Karpenter pools only, and the unneeded time never on them (no cluster-autoscaler there)', () => {
    const withKarpenter = setIn(doc, 'strategies.0.nodePool.karpenter', {});
    const sc = parseScenario(withKarpenter);
    expect(knobBaseline(sc).consolidateAfter).toBe(0);
    expect(knobBaseline(sc).scaleDownUnneededTime).toBe(600);
    const out = applyKnobs(withKarpenter, sc, { ...NEUTRAL_KNOBS, consolidateAfter: 600, scaleDownUnneededTime: 300 });
    expect(get(out, 'strategies.0.nodePool.karpenter')).toEqual({ consolidateAfter: 600 });
    expect(get(out, 'strategies.0.nodePool.autoscaler')).toBeUndefined();
    expect(get(out, 'strategies.2.nodePool.autoscaler')).toEqual({ scaleDownUnneededTime: 300 });
    expect(safeParseScenario(out).ok).toBe(true);
  });

  it('min nodes never exceeds maxNodes', () => {
    const out = applyKnobs(doc, scenario, { ...NEUTRAL_KNOBS, minNodes: 5000 });
    expect(get(out, 'strategies.0.nodePool.minNodes')).toBe(3000);
  });
});

describe('app sweep plans', () => {
  const doc = headlineDoc();
  const scenario = parseScenario(doc);

  it('a knob parameter applies like the slider', () => {
    const plan = planAppSweep(doc, scenario, [{ target: { kind: 'knob', key: 'burstScale' }, from: 0.5, to: 1, steps: 2 }]);
    expect(plan.params).toEqual([{ path: 'knob:burstScale', integer: false, values: [0.5, 1] }]);
    expect(plan.variants.map((v) => (v.scenario.workload[1] as { podsPerSession: number }).podsPerSession)).toEqual([6000, 12000]);
  });

  it('a path parameter matches the CLI spec and a grid varies the first parameter slowest', () => {
    const plan = planAppSweep(doc, scenario, [
      { target: { kind: 'path', path: 'workload.1.podsPerSession' }, from: 1000, to: 24000, steps: 4 },
      { target: { kind: 'knob', key: 'minNodes' }, from: 0, to: 8, steps: 2 },
    ]);
    expect(plan.params[0]).toEqual({ path: 'workload.1.podsPerSession', integer: true, values: [1000, 8667, 16333, 24000] });
    expect(plan.variants.map((v) => v.values)).toEqual([[1000, 0], [1000, 8], [8667, 0], [8667, 8], [16333, 0], [16333, 8], [24000, 0], [24000, 8]]);
    expect(plan.variants[3].scenario.strategies[0]).toMatchObject({ nodePool: { minNodes: 8 } });
  });

  it('a path the draft leaves to its default is filled from the parsed scenario; invalid combinations are listed with field paths', () => {
    const plan = planAppSweep(doc, scenario, [{ target: { kind: 'path', path: 'strategies.0.nodePool.podStart.imagePull.median' }, from: 30, to: 150, steps: 2 }]);
    expect(plan.variants.map((v) => v.values)).toEqual([[30]]);
    expect(plan.variants[0].scenario.strategies[0]).toMatchObject({ nodePool: { podStart: { imagePull: { kind: 'lognormal', median: 30, p95: 30 } } } });
    expect(plan.invalid).toHaveLength(1);
    expect(plan.invalid[0].issues[0].path).toBe('strategies.0.nodePool.podStart.imagePull.p95');
  });

  it('rejects unknown paths and repeated parameters', () => {
    expect(() => planAppSweep(doc, scenario, [{ target: { kind: 'path', path: 'strategies.9.name' }, from: 0, to: 1, steps: 2 }])).toThrow(/no such entry/);
    const p = { target: { kind: 'knob', key: 'minNodes' } as const, from: 0, to: 1, steps: 2 };
    expect(() => planAppSweep(doc, scenario, [p, p])).toThrow(/same parameter twice/);
    expect(targetLabel({ kind: 'path', path: 'a.b' })).toBe('a.b');
  });

  it('pool size follows the cores, never more workers than variants', () => {
    expect(poolSize(4, 8)).toBe(4);
    expect(poolSize(10, 2)).toBe(2);
    expect(poolSize(0, 4)).toBe(1);
  });
});

describe('sweep chart layouts', () => {
  const fmt = (v: number) => String(v);
  it('places lines and a break-even marker (600 x 200: plot 520 x 148 at 60,22)', () => {
    const l = sweepLineLayout(
      [
        { name: 'A', color: '#000', dash: '', points: [[0, 0], [10, 100]] },
        { name: 'B', color: '#111', dash: '', points: [[0, 100], [10, 0]] },
      ],
      [{ at: 5, metric: 50, label: '≈ 5' }],
      600,
      200,
      fmt,
      fmt,
    );
    expect([l.innerWidth, l.innerHeight, l.margin.left, l.margin.top]).toEqual([520, 148, 60, 22]);
    expect(l.lines[0].d).toBe('M0,148L520,0');
    expect(l.lines[1].d).toBe('M0,0L520,148');
    expect(l.lines[0].dots).toEqual([{ x: 0, y: 148 }, { x: 520, y: 0 }]);
    expect(l.markers).toEqual([{ x: 260, y: 74, label: '≈ 5', anchor: 'middle', dy: -10 }]);
    expect(l.yTicks.map((t) => t.value)).toEqual([0, 50, 100]);
  });

  it('keeps marker labels inside the plot at the edges; labels far apart both sit above their ring', () => {
    const l = sweepLineLayout([{ name: 'A', color: '#000', dash: '', points: [[0, 0], [10, 100]] }], [{ at: 0.5, metric: 50, label: 'a' }, { at: 9.5, metric: 50, label: 'b' }], 600, 200, fmt, fmt);
    expect(l.markers.map((m) => [m.anchor, m.dy])).toEqual([['start', -10], ['end', -10]]);
  });

  it('break-even labels never overlap: near neighbours move below or further out, and one with no room is left out', () => {
    // Label '≈ 5,700' is 7 characters: 7 x 6.6 = 46.2 px wide, 13 px tall. Rings 12 px apart at
    // the same height: centred boxes overlap at dy -10, so the second takes the next place (below, dy 18).
    const two = placeMarkerLabels([{ x: 200, y: 80, label: '≈ 5,700' }, { x: 212, y: 80, label: '≈ 6,122' }], 520, 148);
    expect(two.map((m) => [m.label, m.dy])).toEqual([['≈ 5,700', -10], ['≈ 6,122', 18]]);
    // Seven labels on one spot: six offsets, so the seventh has no free place and is left out.
    const seven = placeMarkerLabels(Array.from({ length: 7 }, (_, i) => ({ x: 260, y: 74, label: `≈ ${i}` })), 520, 148);
    expect(seven.map((m) => m.dy)).toEqual([-10, 18, -24, 32, -38, 46, 0]);
    expect(seven[6].label).toBe('');
    const boxes = seven.slice(0, 6).map((m) => [m.y + m.dy - 10, m.y + m.dy + 3]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxes[i][1] <= boxes[j][0] || boxes[j][1] <= boxes[i][0]).toBe(true);
  });

  it('phones get the narrow margins (400 x 200: plot 340 x 152 at 48,20)', () => {
    const l = sweepLineLayout([{ name: 'A', color: '#000', dash: '', points: [[0, 0], [10, 100]] }], [], 400, 200, fmt, fmt);
    expect([l.innerWidth, l.innerHeight, l.margin.left, l.margin.top]).toEqual([340, 152, 48, 20]);
    expect(l.lines[0].d).toBe('M0,152L340,0');
  });

  it('a single swept value still gets a domain', () => {
    const l = sweepLineLayout([{ name: 'A', color: '#000', dash: '', points: [[50, 1]] }], [], 400, 200, fmt, fmt);
    expect(l.x.domain()).toEqual([45, 55]);
  });

  it('duration axes step on round durations (500 s in 3 ticks -> 0, 5 min, 10 min)', () => {
    expect(durationDomain(500, 3)).toEqual({ top: 600, step: 300 });
    expect(durationDomain(3000, 4)).toEqual({ top: 3600, step: 900 });
    expect(durationDomain(0, 3)).toEqual({ top: 1, step: 1 });
  });

  it('scatter: positions and the Pareto staircase', () => {
    const pts = [
      { name: 'A', color: '#000', cost: 50, p95: 90, values: [1], onFront: true },
      { name: 'B', color: '#111', cost: 150, p95: 30, values: [1], onFront: true },
      { name: 'C', color: '#222', cost: 200, p95: 60, values: [1], onFront: false },
    ];
    const s = paretoScatterLayout(pts, 600, 200, fmt, fmt);
    expect(s.x.domain()).toEqual([0, 200]);
    expect(s.y.domain()).toEqual([0, 90]);
    expect(s.dots.map((d) => [d.cx, +d.cy.toFixed(6)])).toEqual([[130, 0], [390, 98.666667], [520, 49.333333]]);
    // 148 - 148 * 30 / 90 = 98.67 px (rounded to 0.01 px in the path)
    expect(s.frontPath).toBe('M130,0H390V98.67');
  });
});

describe('pinned runs', () => {
  const res = (name: string, cost: number, p95: number, violations: number) => ({ name, cost: { total: cost }, pendingSeconds: { p95 }, slo: { violations } }) as unknown as StrategyResult;
  it('fades a colour toward white', () => {
    expect(fadeColor('#000000', 0.5)).toBe('#808080');
    expect(fadeColor('#0072B2', 0)).toBe('#0072b2');
  });
  it('deltas are current minus pinned, matched by name', () => {
    expect(pinDelta(res('A', 120, 30, 5), [res('B', 1, 1, 1), res('A', 100, 45, 7)])).toEqual({ cost: 20, p95: -15, sloViolations: -2 });
    expect(pinDelta(res('C', 1, 1, 1), [res('A', 1, 1, 1)])).toBeNull();
  });
  it('pinned series keep their strategy colour, faded and dashed', () => {
    const [p] = pinnedChartStrategies([res('A', 1, 1, 1)], [res('X', 1, 1, 1), res('A', 1, 1, 1)]);
    expect(p.name).toBe('A (pinned)');
    expect(p.color).toBe(fadeColor('#D55E00', 0.45));
    expect(p.dash).toBe('3 3');
  });
});
