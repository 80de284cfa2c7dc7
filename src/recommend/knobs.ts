import { INSTANCE_TYPES } from '../pricing/instanceTypes.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { MAX_PODS_AT_ONCE } from '../scenario/limits.ts';

type Strategy = Scenario['strategies'][number];

/**
 * A what-if knob the recommender may turn on one strategy: a field of the scenario (its schema
 * path inside that strategy, e.g. "nodePool.minNodes"), the value it has now and the coarse
 * values to try. A knob whose larger values start pods sooner and cost more (a baseline of nodes)
 * is `monotone`: after the coarse grid, its value is bisected down to the cheapest that still
 * meets the SLO. Other numeric knobs get the midpoints next to the best value tried.
 */
export interface RecommendKnob {
  id: string;
  label: string;
  /** Path inside the strategy, e.g. "nodePool.minNodes". */
  path: string;
  current: KnobValue;
  /** Values to try in the coarse grid; the current value is always one of them. */
  coarse: KnobValue[];
  kind: 'integer' | 'seconds' | 'number' | 'choice';
  monotone?: boolean;
  /**
   * The fields a value sets, as [path inside the strategy, value] pairs, when it is not just
   * `path` (a pre-scale level sets the minNodes of each scheduled action). The diff lists each.
   */
  writes?: (value: KnobValue) => Array<[string, number | string[]]>;
}

/** The [path, value] pairs a knob's value sets in its strategy. */
export function knobWrites(knob: RecommendKnob, value: KnobValue): Array<[string, number | string[]]> {
  return knob.writes ? knob.writes(value) : [[knob.path, value]];
}

export type KnobValue = number | string[];

/** One source of knobs. Other models add theirs here (Karpenter limits, spot share, commitments, pre-scale). */
export type KnobProvider = (strategy: Strategy) => RecommendKnob | null;

const uniqueSorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/**
 * minNodes: the baseline every pool keeps running (under Karpenter, the floor consolidation
 * keeps); from today's value up to maxNodes. A fixed-size pool (no autoscaler, no Karpenter) runs
 * initialNodes whatever minNodes says, so it has no such knob.
 */
const minNodes: KnobProvider = (s) => {
  if (!('nodePool' in s) || (s.nodePool.autoscaler === null && !s.nodePool.karpenter)) return null;
  const { minNodes: now, maxNodes } = s.nodePool;
  const steps = [0, 0.125, 0.25, 0.5, 0.75, 1].map((f) => Math.round(now + (maxNodes - now) * f));
  return { id: 'minNodes', label: 'Minimum nodes (baseline)', path: 'nodePool.minNodes', current: now, coarse: uniqueSorted(steps), kind: 'integer', monotone: true };
};

/** ResourcePolicy's whenTryNextUnits.timeout: how long a pod waits for a node before it goes serverless. */
const overflowTimeout: KnobProvider = (s) => {
  if (s.kind !== 'mixed' || s.overflow.policy !== 'resourcePolicy') return null;
  const now = s.overflow.whenTryNextUnits.timeout;
  return { id: 'overflowTimeout', label: 'Overflow timeout', path: 'overflow.whenTryNextUnits.timeout', current: now, coarse: uniqueSorted([0, Math.round(now / 2), now, now * 3]), kind: 'seconds' };
};

/** Instance type: the catalog type a single-type pool uses, and its neighbours in size in the same family. */
const instanceType: KnobProvider = (s) => {
  if (!('nodePool' in s) || s.nodePool.instanceTypes.length !== 1 || typeof s.nodePool.instanceTypes[0] !== 'string') return null;
  const name = s.nodePool.instanceTypes[0];
  const family = name.slice(0, name.lastIndexOf('.') + 1);
  const siblings = INSTANCE_TYPES.filter((t) => t.name.startsWith(family) && family !== '').sort((a, b) => a.vcpu - b.vcpu);
  const at = siblings.findIndex((t) => t.name === name);
  if (at < 0 || siblings.length < 2) return null;
  const near = siblings.slice(Math.max(0, at - 1), at + 2).map((t) => [t.name]);
  return { id: 'instanceType', label: 'Instance type', path: 'nodePool.instanceTypes', current: [name], coarse: near, kind: 'choice' };
};

/**
 * Commitment level (Savings Plans, reserved spend per hour), where the strategy has one: it moves
 * cost only, never pending time, so the cheapest level is found among none, half, as written,
 * one and a half and twice today's.
 */
const commitmentLevel: KnobProvider = (s) => {
  if (!s.commitment) return null;
  const now = s.commitment.perHour;
  const tidy = (v: number) => Number(v.toPrecision(6));
  return { id: 'commitment', label: 'Commitment per hour', path: 'commitment.perHour', current: now, coarse: uniqueSorted([0, tidy(now / 2), now, tidy(now * 1.5), tidy(now * 2)]), kind: 'number' };
};

/**
 * Warm headroom (placeholder pods), where the pool has it, whatever provisions the pool: more
 * placeholders keep more room warm (sooner starts, more idle capacity), so the knob is monotone
 * and bisected down to the fewest that meet the SLO. Coarse: none, a quarter, half, as written,
 * twice and four times today's count (1 to 16 when today's is 0).
 */
const headroomPlaceholders: KnobProvider = (s) => {
  if (!('nodePool' in s) || !s.nodePool.headroom) return null;
  const now = s.nodePool.headroom.placeholderPods;
  const steps = now > 0 ? [0, now / 4, now / 2, now, now * 2, now * 4] : [0, 1, 2, 4, 8, 16];
  return {
    id: 'headroom',
    label: 'Headroom placeholder pods',
    path: 'nodePool.headroom.placeholderPods',
    current: now,
    coarse: uniqueSorted(steps.map((v) => Math.min(MAX_PODS_AT_ONCE, Math.round(v)))),
    kind: 'integer',
    monotone: true,
  };
};

/**
 * Scheduled pre-scale, where the pool has a schedule that raises its minimum above minNodes:
 * the knob is the largest scheduled minimum (the pre-scale's size); each raising action keeps its
 * share of the rise above minNodes (an action at half the peak's rise stays at half), actions at
 * or below minNodes (the scale back down) are left alone. Larger pre-scales start the burst
 * sooner and cost more: monotone, bisected. Coarse: no rise, a quarter, half, as written, and
 * halfway and all the way to maxNodes. The times of the actions are not searched.
 */
const preScale: KnobProvider = (s) => {
  if (!('nodePool' in s) || !s.nodePool.schedule?.length) return null;
  const { minNodes: base, maxNodes, schedule } = s.nodePool;
  const peak = Math.max(...schedule.map((a) => a.minNodes));
  if (peak <= base) return null;
  const level = (v: number) => (a: { minNodes: number }) => (a.minNodes <= base ? a.minNodes : Math.min(maxNodes, base + Math.round(((a.minNodes - base) * (v - base)) / (peak - base))));
  const steps = [base, base + (peak - base) / 4, base + (peak - base) / 2, peak, (peak + maxNodes) / 2, maxNodes];
  return {
    id: 'preScale',
    label: 'Scheduled pre-scale (largest scheduled minimum)',
    path: 'nodePool.schedule',
    current: peak,
    coarse: uniqueSorted(steps.map(Math.round)),
    kind: 'integer',
    monotone: true,
    writes: (v) => schedule.flatMap((a, i): Array<[string, number]> => (a.minNodes > base ? [[`nodePool.schedule.${i}.minNodes`, level(v as number)(a)]] : [])),
  };
};

/**
 * Karpenter's consolidateAfter, where the pool is provisioned by Karpenter and consolidates
 * (not "Never"): how long an idle or underused node is kept before it is removed. Longer keeps
 * nodes for the next pods (sooner starts, more idle cost), but not monotonically (a kept node
 * also delays replacement by cheaper ones), so the grid's neighbours are tried, not bisected.
 */
const karpenterConsolidateAfter: KnobProvider = (s) => {
  if (!('nodePool' in s) || !s.nodePool.karpenter || s.nodePool.karpenter.consolidateAfter === 'Never') return null;
  const now = s.nodePool.karpenter.consolidateAfter;
  return { id: 'consolidateAfter', label: 'Karpenter consolidateAfter', path: 'nodePool.karpenter.consolidateAfter', current: now, coarse: uniqueSorted([0, 30, 120, 600, now]), kind: 'seconds' };
};

/** Every knob source, in the order the recommender reports changes. */
export const KNOB_PROVIDERS: KnobProvider[] = [minNodes, overflowTimeout, instanceType, headroomPlaceholders, preScale, karpenterConsolidateAfter, commitmentLevel];

export function strategyKnobs(strategy: Strategy): RecommendKnob[] {
  return KNOB_PROVIDERS.map((p) => p(strategy)).filter((k): k is RecommendKnob => k !== null);
}
