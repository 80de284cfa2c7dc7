/**
 * What-if knobs: a handful of levers that matter for bursts, each a pure transform of the
 * scenario draft. Knobs apply to an anchor draft (the scenario as it was before the first slider
 * moved), so moving a slider back to its start gives back the anchor exactly, and multipliers do
 * not compound as the slider moves.
 */
import { SERVERLESS_PRESETS } from '../../pricing/serverlessPresets.ts';
import { SPOT_PRESETS } from '../../pricing/spotPresets.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { setIn, type Draft } from '../draft.ts';
import { resolveProvisioning } from '../../models/resolveProvisioning.ts';
import type { Delay } from '../../scenario/delay.ts';
import { timeOfDayText } from '../editor/fieldText.ts';

export interface Knobs {
  /** Multiplies podsPerSession of burst sources and jobsPerHour of batch sources (1 = as written). */
  burstScale: number;
  /**
   * Median node provisioning time for every node pool, seconds: from cluster-autoscaler's request
   * to Ready through the pool's stages (node group reaction, create call, boot, registration,
   * Ready), not counting waits at API limits; or the pool's one provisioningDelay if it has one.
   */
  provisioningMedian: number | null;
  /** cluster-autoscaler --scale-down-unneeded-time for every autoscaled pool, seconds. */
  scaleDownUnneededTime: number | null;
  /** Catalog instance type for every node pool. */
  instanceType: string | null;
  /** Multiplies the serverless price per vCPU-hour and per GiB-hour (1 = as written). */
  serverlessPriceScale: number;
  /** ResourcePolicy whenTryNextUnits.timeout of every mixed strategy that has one, seconds. */
  overflowTimeout: number | null;
  /** minNodes (the baseline kept running) of every node pool. */
  minNodes: number | null;
  /**
   * Headroom as cluster-autoscaler's --scale-down-utilization-threshold: a node is removed only
   * when its requests are below this share of allocatable. Lower keeps half-empty nodes as room
   * for the next burst (and pays for them).
   */
  scaleDownUtilizationThreshold: number | null;
  /** cluster-autoscaler --scan-interval of every autoscaled pool, seconds (pods wait for the next scan). */
  scanInterval: number | null;
  /** maxNodes of every node pool (a pod whose scale-up it stops waits on it). */
  maxNodes: number | null;
  /** Serverless launches per second (the token bucket's refill) of every serverless setup with a launch limit. */
  launchRatePerSecond: number | null;
  /** placeholderPods of every pool that keeps warm headroom (overprovisioning placeholders). */
  headroomPods: number | null;
  /** Time of day (seconds) of every pool's pre-scale: the scheduled action that raises the minimum most. */
  preScaleAt: number | null;
  /**
   * Karpenter's consolidateAfter for every Karpenter pool, seconds: how long a node must go without
   * a pod event before it is consolidated. Longer keeps emptied nodes for the next session.
   */
  consolidateAfter: number | null;
  /** Commitment per hour of every strategy that has a commitment (Savings Plan level). */
  commitmentPerHour: number | null;
  /** Interruptions per node-month of every pool with spot nodes. */
  spotInterruptionsPerMonth: number | null;
}

export type KnobKey = keyof Knobs;

/** `null` means "as the scenario says"; multipliers are neutral at 1. */
export const NEUTRAL_KNOBS: Knobs = {
  burstScale: 1,
  provisioningMedian: null,
  scaleDownUnneededTime: null,
  instanceType: null,
  serverlessPriceScale: 1,
  overflowTimeout: null,
  minNodes: null,
  scaleDownUtilizationThreshold: null,
  scanInterval: null,
  maxNodes: null,
  launchRatePerSecond: null,
  headroomPods: null,
  preScaleAt: null,
  consolidateAfter: null,
  commitmentPerHour: null,
  spotInterruptionsPerMonth: null,
};

/** The values the scenario has now (first pool / strategy that has the field) and which knobs apply. */
export interface KnobBaseline {
  burstSources: number;
  provisioningMedian: number | null;
  scaleDownUnneededTime: number | null;
  instanceType: string | null;
  serverlessStrategies: number;
  overflowTimeout: number | null;
  minNodes: number | null;
  scaleDownUtilizationThreshold: number | null;
  scanInterval: number | null;
  maxNodes: number | null;
  launchRatePerSecond: number | null;
  headroomPods: number | null;
  preScaleAt: number | null;
  consolidateAfter: number | null;
  commitmentPerHour: number | null;
  spotInterruptionsPerMonth: number | null;
}

type NodePool = Extract<Scenario['strategies'][number], { nodePool: unknown }>['nodePool'];

function pools(scenario: Scenario): Array<{ index: number; pool: NodePool }> {
  return scenario.strategies.flatMap((s, index) => ('nodePool' in s ? [{ index, pool: s.nodePool }] : []));
}

/** The index of a pool's pre-scale action: the one with the highest minNodes (the first such), or -1. */
export function preScaleAction(pool: NodePool): number {
  const s = pool.schedule ?? [];
  let best = -1;
  s.forEach((a, i) => {
    if (best < 0 || a.minNodes > s[best].minNodes) best = i;
  });
  return best;
}

function delayMedian(d: Delay): number {
  if (d.kind === 'constant') return d.seconds;
  if (d.kind === 'uniform') return (d.min + d.max) / 2;
  return d.median;
}

const STAGES = ['request', 'boot', 'register', 'ready'] as const;

/** A pool's provisioning time as the slider shows it: the sum of its stages' medians (see `Knobs`). */
export function provisioningMedianOf(pool: NodePool): number {
  const p = resolveProvisioning(pool);
  const st = p.stages;
  if ('whole' in st) return delayMedian(st.whole);
  return delayMedian(p.nodeGroupDelay) + STAGES.reduce((a, k) => a + delayMedian(st[k]), 0);
}

/**
 * The draft edits that move a pool's provisioning time to `median`: its one provisioningDelay if it
 * has one, else every stage scaled by the same factor (each keeps its share and spread), written
 * as the pool's provisioning overrides so the editor shows them.
 */
function provisioningEdits(pool: NodePool, median: number): Array<[string, unknown]> {
  const p = resolveProvisioning(pool);
  const st = p.stages;
  if ('whole' in st) return [['provisioningDelay', withMedian(st.whole, median)]];
  const total = provisioningMedianOf(pool);
  const f = total > 0 ? median / total : 1;
  const scaled = (d: Delay) => withMedian(d, tidy(delayMedian(d) * f));
  return [
    ['provisioning.nodeGroupDelay', scaled(p.nodeGroupDelay)],
    ['provisioning.stages', Object.fromEntries(STAGES.map((k) => [k, scaled(st[k])]))],
  ];
}

/** The launch limit of each serverless setup that has one (its own, or its preset's). */
function launchLimits(scenario: Scenario): Array<{ index: number; burst: number; perSecond: number }> {
  return scenario.strategies.flatMap((s, index) => {
    if (!('serverless' in s)) return [];
    const rate = s.serverless.launchRate === undefined ? SERVERLESS_PRESETS[s.serverless.preset].launchRate : s.serverless.launchRate;
    return rate ? [{ index, ...rate }] : [];
  });
}

export function knobBaseline(scenario: Scenario): KnobBaseline {
  const ps = pools(scenario);
  const autoscaled = ps.filter((p) => p.pool.autoscaler !== null);
  const first = ps[0]?.pool;
  const firstType = first?.instanceTypes[0];
  const limited = launchLimits(scenario);
  const overflow = scenario.strategies.find((s) => s.kind === 'mixed' && s.overflow.policy === 'resourcePolicy');
  return {
    burstSources: scenario.workload.filter((w) => w.type === 'burst' || w.type === 'batch').length,
    provisioningMedian: first ? provisioningMedianOf(first) : null,
    scaleDownUnneededTime: autoscaled[0]?.pool.autoscaler?.scaleDownUnneededTime ?? null,
    instanceType: first ? (typeof firstType === 'string' ? firstType : (firstType?.name ?? null)) : null,
    serverlessStrategies: scenario.strategies.filter((s) => 'serverless' in s).length,
    overflowTimeout: overflow && overflow.kind === 'mixed' && overflow.overflow.policy === 'resourcePolicy' ? overflow.overflow.whenTryNextUnits.timeout : null,
    minNodes: first ? first.minNodes : null,
    scaleDownUtilizationThreshold: autoscaled[0]?.pool.autoscaler?.scaleDownUtilizationThreshold ?? null,
    scanInterval: autoscaled[0]?.pool.autoscaler?.scanInterval ?? null,
    maxNodes: first ? first.maxNodes : null,
    launchRatePerSecond: limited[0] ? limited[0].perSecond : null,
    headroomPods: ps.find((p) => p.pool.headroom)?.pool.headroom?.placeholderPods ?? null,
    preScaleAt: (() => {
      const p = ps.find((q) => preScaleAction(q.pool) >= 0)?.pool;
      return p ? (p.schedule as NonNullable<NodePool['schedule']>)[preScaleAction(p)].at : null;
    })(),
    consolidateAfter: karpenterConsolidateAfter(ps),
    commitmentPerHour: scenario.strategies.find((s) => s.commitment)?.commitment?.perHour ?? null,
    spotInterruptionsPerMonth: spotRate(ps.find((p) => p.pool.spot)?.pool.spot),
  };
}

/** The first Karpenter pool's consolidateAfter in seconds ("Never" counts as no consolidation: 0 on the slider is not it). */
function karpenterConsolidateAfter(ps: Array<{ pool: NodePool }>): number | null {
  const k = ps.find((p) => p.pool.karpenter)?.pool.karpenter;
  if (!k) return null;
  return k.consolidateAfter === 'Never' ? null : k.consolidateAfter;
}

/** The interruption rate a spot config runs with (its own, else its preset's; null: none). */
function spotRate(spot: NodePool['spot']): number | null {
  if (!spot) return null;
  return spot.interruptionsPerMonth ?? SPOT_PRESETS[spot.preset].interruptionsPerMonth ?? null;
}

/** Rounds to 6 significant digits so prices and rates stay readable in the editor and links. */
function tidy(v: number): number {
  return Number(v.toPrecision(6));
}

/** A provisioning delay with its median moved to `median`, keeping its shape (spread relative to the median). */
export function withMedian(d: Delay, median: number): Delay {
  if (d.kind === 'constant') return { kind: 'constant', seconds: median };
  const old = delayMedian(d);
  const ratio = (v: number) => (old > 0 ? tidy((v * median) / old) : median);
  if (d.kind === 'uniform') return { kind: 'uniform', min: ratio(d.min), max: ratio(d.max) };
  return { kind: 'lognormal', median, p95: Math.max(median, ratio(d.p95)) };
}

/**
 * The anchor draft with `knobs` applied. `scenario` is the anchor parsed (for values the draft
 * leaves to defaults or writes as "10m"). Only fields a knob changes are written; knobs at their
 * neutral value leave the draft as it is, so all-neutral knobs return `doc` itself.
 */
export function applyKnobs(doc: Draft, scenario: Scenario, knobs: Knobs): Draft {
  let out = doc;
  if (knobs.burstScale !== 1) {
    scenario.workload.forEach((w, i) => {
      if (w.type === 'burst') out = setIn(out, `workload.${i}.podsPerSession`, Math.max(1, Math.round(w.podsPerSession * knobs.burstScale)));
      if (w.type === 'batch') out = setIn(out, `workload.${i}.jobsPerHour`, Math.max(0.001, tidy(w.jobsPerHour * knobs.burstScale)));
    });
  }
  for (const { index, pool } of pools(scenario)) {
    const at = `strategies.${index}.nodePool`;
    if (knobs.provisioningMedian !== null) for (const [field, value] of provisioningEdits(pool, knobs.provisioningMedian)) out = setIn(out, `${at}.${field}`, value);
    if (knobs.instanceType !== null) out = setIn(out, `${at}.instanceTypes`, [knobs.instanceType]);
    const maxNodes = knobs.maxNodes ?? pool.maxNodes;
    if (knobs.maxNodes !== null) out = setIn(out, `${at}.maxNodes`, Math.max(knobs.maxNodes, pool.minNodes, pool.initialNodes ?? 0));
    if (knobs.minNodes !== null) out = setIn(out, `${at}.minNodes`, Math.min(knobs.minNodes, maxNodes));
    if (knobs.headroomPods !== null && pool.headroom) out = setIn(out, `${at}.headroom.placeholderPods`, Math.max(0, Math.round(knobs.headroomPods)));
    const pre = preScaleAction(pool);
    if (knobs.preScaleAt !== null && pre >= 0) {
      const at2 = Math.round(knobs.preScaleAt / 60) * 60;
      // Another action already at that time would make two at once: the pre-scale takes its place.
      const schedule = (pool.schedule ?? []).flatMap((a, i) => (i === pre ? [{ at: timeOfDayText(at2), minNodes: a.minNodes }] : a.at === at2 ? [] : [{ at: timeOfDayText(a.at), minNodes: a.minNodes }]));
      out = setIn(out, `${at}.schedule`, schedule);
    }
    if (pool.karpenter && knobs.consolidateAfter !== null) out = setIn(out, `${at}.karpenter.consolidateAfter`, knobs.consolidateAfter);
    if (pool.autoscaler !== null) {
      if (knobs.scaleDownUnneededTime !== null) out = setIn(out, `${at}.autoscaler.scaleDownUnneededTime`, knobs.scaleDownUnneededTime);
      if (knobs.scaleDownUtilizationThreshold !== null) out = setIn(out, `${at}.autoscaler.scaleDownUtilizationThreshold`, knobs.scaleDownUtilizationThreshold);
      if (knobs.scanInterval !== null) out = setIn(out, `${at}.autoscaler.scanInterval`, Math.max(1, knobs.scanInterval));
    }
    if (pool.spot && knobs.spotInterruptionsPerMonth !== null) out = setIn(out, `${at}.spot.interruptionsPerMonth`, knobs.spotInterruptionsPerMonth);
  }
  if (knobs.launchRatePerSecond !== null) {
    for (const { index, burst } of launchLimits(scenario)) out = setIn(out, `strategies.${index}.serverless.launchRate`, { burst, perSecond: Math.max(0.1, knobs.launchRatePerSecond) });
  }
  scenario.strategies.forEach((s, i) => {
    if ('serverless' in s && knobs.serverlessPriceScale !== 1) {
      const preset = SERVERLESS_PRESETS[s.serverless.preset];
      out = setIn(out, `strategies.${i}.serverless.pricePerVcpuHour`, tidy((s.serverless.pricePerVcpuHour ?? preset.pricePerVcpuHour) * knobs.serverlessPriceScale));
      out = setIn(out, `strategies.${i}.serverless.pricePerGiBHour`, tidy((s.serverless.pricePerGiBHour ?? preset.pricePerGiBHour) * knobs.serverlessPriceScale));
    }
    if (s.commitment && knobs.commitmentPerHour !== null) out = setIn(out, `strategies.${i}.commitment.perHour`, knobs.commitmentPerHour);
    if (s.kind === 'mixed' && s.overflow.policy === 'resourcePolicy' && knobs.overflowTimeout !== null) {
      out = setIn(out, `strategies.${i}.overflow.whenTryNextUnits`, { policy: s.overflow.whenTryNextUnits.policy, timeout: knobs.overflowTimeout });
    }
  });
  return out;
}

/** How each slider knob is named in the UI (sliders, sweep titles and axes). */
export const KNOB_LABELS: Record<Exclude<KnobKey, 'instanceType'>, string> = {
  burstScale: 'Burst size',
  provisioningMedian: 'Node provisioning time',
  scaleDownUnneededTime: 'Scale-down unneeded time',
  serverlessPriceScale: 'Serverless price',
  overflowTimeout: 'Overflow timeout',
  minNodes: 'Minimum nodes (baseline)',
  scaleDownUtilizationThreshold: 'Headroom: scale-down threshold',
  scanInterval: 'Autoscaler scan interval',
  maxNodes: 'Maximum nodes',
  launchRatePerSecond: 'Serverless launch limit',
  headroomPods: 'Headroom: placeholder pods',
  preScaleAt: 'Pre-scale time',
  consolidateAfter: 'Karpenter consolidateAfter',
  commitmentPerHour: 'Commitment per hour',
  spotInterruptionsPerMonth: 'Spot interruptions per node-month',
};

/** How each knob reads in the UI and the range its slider covers around the scenario's value. */
export interface SliderSpec {
  key: Exclude<KnobKey, 'instanceType'>;
  label: string;
  help: string;
  min: number;
  max: number;
  step: number;
  format: (v: number) => string;
}

const seconds = (v: number) => (v < 120 ? `${Math.round(v)} s` : `${+(v / 60).toFixed(1)} min`);

export function sliderSpecs(base: KnobBaseline): SliderSpec[] {
  const minNodesTop = Math.max(20, Math.ceil(((base.minNodes ?? 0) * 3) / 10) * 10);
  const maxNodesTop = Math.max(50, Math.ceil(((base.maxNodes ?? 0) * 3) / 10) * 10);
  const commitmentTop = Math.max(10, Math.ceil((base.commitmentPerHour ?? 0) * 3));
  return [
    { key: 'burstScale', label: KNOB_LABELS.burstScale, help: 'Multiplies pods per session of burst sources and jobs per hour of batch sources.', min: 0.1, max: 3, step: 0.05, format: (v) => `×${v.toFixed(2)}` },
    { key: 'provisioningMedian', label: KNOB_LABELS.provisioningMedian, help: "Median from cluster-autoscaler's request to node Ready for every node pool: the node group's reaction, create call, boot, kubelet registration and Ready, each scaled alike (their spread too). Waits at the cloud's launch limits come on top.", min: 10, max: 600, step: 5, format: seconds },
    { key: 'scaleDownUnneededTime', label: KNOB_LABELS.scaleDownUnneededTime, help: 'How long a node must be underused before cluster-autoscaler removes it.', min: 0, max: 3600, step: 30, format: seconds },
    { key: 'serverlessPriceScale', label: KNOB_LABELS.serverlessPriceScale, help: 'Multiplies the price per vCPU-hour and per GiB-hour of every serverless setup.', min: 0.25, max: 3, step: 0.05, format: (v) => `×${v.toFixed(2)}` },
    { key: 'overflowTimeout', label: KNOB_LABELS.overflowTimeout, help: 'ResourcePolicy: how long a pod waits for a node before it moves to the serverless unit.', min: 0, max: 600, step: 5, format: seconds },
    { key: 'minNodes', label: KNOB_LABELS.minNodes, help: 'Nodes every pool keeps running all day, however quiet.', min: 0, max: minNodesTop, step: 1, format: (v) => String(Math.round(v)) },
    { key: 'scanInterval', label: KNOB_LABELS.scanInterval, help: 'How often cluster-autoscaler looks for pending pods: a new pod waits for the next scan before nodes are asked for.', min: 1, max: 120, step: 1, format: seconds },
    { key: 'maxNodes', label: KNOB_LABELS.maxNodes, help: 'The most nodes each pool may have: pods whose scale-up it stops wait on it.', min: 1, max: maxNodesTop, step: 1, format: (v) => String(Math.round(v)) },
    { key: 'launchRatePerSecond', label: KNOB_LABELS.launchRatePerSecond, help: 'Serverless pods launched per second (the provider quota after its burst): pods beyond it wait for a launch token.', min: 1, max: Math.max(100, (base.launchRatePerSecond ?? 0) * 5), step: 1, format: (v) => `${+v.toFixed(1)} pods/s` },
    { key: 'consolidateAfter', label: KNOB_LABELS.consolidateAfter, help: 'How long a Karpenter node must go without a pod arriving or leaving before it may be consolidated. Longer keeps emptied nodes for the next session, and you pay for them.', min: 0, max: 3600, step: 30, format: seconds },
    {
      key: 'scaleDownUtilizationThreshold',
      label: KNOB_LABELS.scaleDownUtilizationThreshold,
      help: 'A node is removed only when its requests fall below this share of its capacity. Lower keeps half-empty nodes around as headroom for the next burst, and you pay for them.',
      min: 0.05,
      max: 0.95,
      step: 0.05,
      format: (v) => `${Math.round(v * 100)}%`,
    },
    {
      key: 'headroomPods',
      label: KNOB_LABELS.headroomPods,
      help: 'Low-priority placeholder pods that hold warm room on nodes: a burst pod preempts one and starts without waiting for a node, and you pay for the room all day.',
      min: 0,
      max: Math.max(20, Math.ceil(((base.headroomPods ?? 0) * 3) / 10) * 10),
      step: 1,
      format: (v) => String(Math.round(v)),
    },
    {
      key: 'preScaleAt',
      label: KNOB_LABELS.preScaleAt,
      help: 'When the scheduled action that raises the minimum pool size runs each day: early enough and the nodes are Ready before the burst, too early and they idle.',
      min: 0,
      max: 86400 - 60,
      step: 60,
      format: (v) => timeOfDayText(Math.round(v / 60) * 60),
    },
    {
      key: 'commitmentPerHour',
      label: KNOB_LABELS.commitmentPerHour,
      help: 'The spend per hour committed (Savings Plan, reserved instances): paid every hour, used or not; eligible usage up to it is discounted.',
      min: 0,
      max: commitmentTop,
      step: commitmentTop / 100,
      format: (v) => `${v.toFixed(2)}/h`,
    },
    {
      key: 'spotInterruptionsPerMonth',
      label: KNOB_LABELS.spotInterruptionsPerMonth,
      help: 'How often a spot node is reclaimed (AWS Spot Advisor bands: <5% = 0.05 ... >20%). Its pods rerun elsewhere.',
      min: 0,
      max: 1,
      step: 0.01,
      format: (v) => v.toFixed(2),
    },
  ];
}

/** Whether a knob does anything in this scenario (a knob with nothing to act on is disabled). */
export function knobApplies(key: KnobKey, base: KnobBaseline): boolean {
  switch (key) {
    case 'burstScale':
      return base.burstSources > 0;
    case 'serverlessPriceScale':
      return base.serverlessStrategies > 0;
    default:
      return base[key] !== null;
  }
}

/** The value a slider shows: the knob if moved, else the scenario's own value. */
export function knobValue(key: Exclude<KnobKey, 'instanceType'>, knobs: Knobs, base: KnobBaseline): number {
  const k = knobs[key];
  if (k !== null) return k;
  const b = base[key as Exclude<KnobKey, 'instanceType' | 'burstScale' | 'serverlessPriceScale'>];
  return b ?? 0;
}

/** Knobs that are not neutral, for "2 knobs changed" and the reset button. */
export function changedKnobs(knobs: Knobs): KnobKey[] {
  return (Object.keys(NEUTRAL_KNOBS) as KnobKey[]).filter((k) => knobs[k] !== NEUTRAL_KNOBS[k]);
}
