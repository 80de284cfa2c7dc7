import { INSTANCE_TYPES } from '../pricing/instanceTypes.ts';
import type { Scenario } from '../scenario/scenario.ts';

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
}

export type KnobValue = number | string[];

/** One source of knobs. Other models add theirs here (Karpenter limits, spot share, commitments, pre-scale). */
export type KnobProvider = (strategy: Strategy) => RecommendKnob | null;

const uniqueSorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** minNodes: the baseline every pool keeps running; from today's value up to maxNodes. */
const minNodes: KnobProvider = (s) => {
  if (!('nodePool' in s) || s.nodePool.autoscaler === null) return null;
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

/** Every knob source, in the order the recommender reports changes. */
export const KNOB_PROVIDERS: KnobProvider[] = [minNodes, overflowTimeout, instanceType, commitmentLevel];

export function strategyKnobs(strategy: Strategy): RecommendKnob[] {
  return KNOB_PROVIDERS.map((p) => p(strategy)).filter((k): k is RecommendKnob => k !== null);
}
