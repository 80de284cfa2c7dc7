/**
 * Wait causes in the app's words: what each cause is for one strategy (with the setting behind
 * it: "the ECI launch limit of 20 pods/s"), and the what-if knob that changes it.
 */
import type { ProvisioningStage, WaitCause } from '../metrics/waits.ts';
import { resolveProvisioning } from '../models/resolveProvisioning.ts';
import { WAIT_CAUSE_LABEL, dominantCause } from '../metrics/waitLabels.ts';
import { SERVERLESS_PRESETS } from '../pricing/serverlessPresets.ts';
import type { Strategy } from '../scenario/strategy.ts';
import { formatDuration, formatShare } from './format.ts';
import { provisioningMedianOf, type KnobKey } from './whatif/knobs.ts';

/** The slider that changes each cause (null: none does; the hint says which setting does). */
export const CAUSE_KNOB: Record<WaitCause, KnobKey | null> = {
  nextScan: 'scanInterval',
  provisioning: 'provisioningMedian',
  limit: 'maxNodes',
  overflowTimeout: 'overflowTimeout',
  launchThrottle: 'launchRatePerSecond',
  sandbox: null,
  imagePull: null,
  unschedulable: 'instanceType',
  interruption: 'scaleDownUnneededTime',
  preemption: null,
};

/** What to change for a cause that no slider moves. */
export const CAUSE_HINT: Record<WaitCause, string> = {
  nextScan: 'cluster-autoscaler scan interval',
  provisioning: 'node provisioning time, or more nodes kept ready (minimum nodes)',
  limit: 'maximum nodes (or a fixed pool: turn its autoscaler on)',
  overflowTimeout: 'overflow timeout',
  launchThrottle: 'serverless launch limit (the provider quota)',
  sandbox: "the strategy's podStart.sandbox delay (the editor)",
  imagePull: "the strategy's podStart.imagePull delay: smaller images or an image cache (the editor)",
  unschedulable: 'a bigger instance type or serverless size',
  interruption: 'scale-down unneeded time (nodes drained less eagerly)',
  preemption: "the warm headroom's preemption delay (nodePool.headroom.preemptionDelay, the editor)",
};

const SHORT_PRESET: Record<string, string> = { 'aws-fargate': 'Fargate', 'alibaba-eci': 'ECI', 'gke-autopilot': 'Autopilot' };

/** Per second, as a rate reads ("1.2 nodes/s"). */
const perSecond = (r: { perSecond: number }, unit: string) => `${+r.perSecond.toFixed(2)} ${unit}/s`;

/**
 * The provisioning stage most of the wait went to, when it is not the nodes' own start (then the
 * node's median time says it): what held the pods back in a large burst is the launch rate or
 * nodes given up, not a node's two minutes.
 */
function provisioningStagePhrase(pool: NonNullable<Extract<Strategy, { nodePool: unknown }>['nodePool']>, byStage: Record<ProvisioningStage, number>, total: number): string | undefined {
  let top: ProvisioningStage | undefined;
  for (const k of Object.keys(byStage) as ProvisioningStage[]) if (byStage[k] > 0 && (top === undefined || byStage[k] > byStage[top])) top = k;
  if (top === undefined || top === 'nodeStartup' || top === 'nodeGroupReaction' || top === 'notBound') return undefined;
  const share = `${formatShare(byStage[top] / total)} of the wait`;
  const p = resolveProvisioning(pool);
  switch (top) {
    case 'awaitingScaleUp':
      return `the wait for the scale-up that asked for each pod's node (${share}: nodes given up after max-node-provision-time and the node group's backoff, or pods ahead in line)`;
    case 'nodeGroupLaunchRate':
      return `the node group's launch rate${p.nodeGroupRate ? ` of ${perSecond(p.nodeGroupRate, 'nodes')}` : ''} (${share})`;
    case 'cloudApiBucket':
      return `the cloud's instance-creation limit${p.launchRate ? ` of ${perSecond(p.launchRate, 'instances')}` : ''} (${share})`;
    case 'autoscalerLoop':
      return `cluster-autoscaler's own loop time (${share})`;
    case 'roomOnReadyNode':
      return `room on nodes already up (${share})`;
  }
  return undefined;
}

/**
 * The cause for this strategy, as the end of "N% of the wait is …". `waits` (the strategy's
 * result) lets node provisioning name the stage most of it went to.
 */
export function causePhrase(cause: WaitCause, strategy: Strategy | undefined, waits?: WaitSentenceInput['waits']): string {
  const pool = strategy && 'nodePool' in strategy ? strategy.nodePool : undefined;
  const serverless = strategy && 'serverless' in strategy ? strategy.serverless : undefined;
  switch (cause) {
    case 'nextScan':
      return pool?.autoscaler ? `waiting for the next cluster-autoscaler scan (every ${formatDuration(pool.autoscaler.scanInterval)})` : 'waiting for the next autoscaler scan';
    case 'provisioning': {
      const stage = pool && waits?.provisioningByStage && waits.totalSeconds > 0 ? provisioningStagePhrase(pool, waits.provisioningByStage, waits.totalSeconds) : undefined;
      if (stage) return `node provisioning, mostly ${stage}`;
      return pool ? `node provisioning (median ${formatDuration(provisioningMedianOf(pool))} a node)` : 'node provisioning';
    }
    case 'limit':
      if (pool && !pool.autoscaler) return `the fixed pool of ${pool.initialNodes ?? pool.minNodes} nodes (no autoscaler)`;
      return pool ? `the node limit (maxNodes ${pool.maxNodes.toLocaleString('en-US')})` : 'a node limit';
    case 'overflowTimeout':
      return strategy?.kind === 'mixed' && strategy.overflow.policy === 'resourcePolicy' ? `the overflow timeout of ${formatDuration(strategy.overflow.whenTryNextUnits.timeout)}` : 'the overflow timeout';
    case 'launchThrottle': {
      if (!serverless) return 'the serverless launch limit';
      const rate = serverless.launchRate === undefined ? SERVERLESS_PRESETS[serverless.preset].launchRate : serverless.launchRate;
      const name = SHORT_PRESET[serverless.preset] ?? 'serverless';
      // EKS on Fargate: its scheduler starts pods slower than the launch bucket refills, so the
      // rate that binds is the scheduling rate (both are charged as launch throttling).
      const scheduling = serverless.schedulingRate === undefined ? SERVERLESS_PRESETS[serverless.preset].schedulingRate : serverless.schedulingRate;
      if (scheduling && (!rate || scheduling.perSecond < rate.perSecond)) {
        return `the ${name} start rate of ${perSecond(scheduling, 'pods')} (its scheduler, under the launch limit${rate ? ` of ${perSecond(rate, 'pods')}` : ''})`;
      }
      return rate ? `the ${name} launch limit of ${perSecond(rate, 'pods')}` : `the ${name} launch limit`;
    }
    default:
      return WAIT_CAUSE_LABEL[cause];
  }
}

export interface WaitSentenceInput {
  name: string;
  waits: { totalSeconds: number; byCause: Record<WaitCause, number>; provisioningByStage?: Record<ProvisioningStage, number> };
  strategy?: Strategy;
}

/**
 * "Where the wait goes: 86% of the wait of ECI only (ASK) is the ECI launch limit of 20 pods/s;
 * …": each strategy's largest cause, strategies with the most pending time first ('' when no pod
 * waited). Rules (each with a test): shares never round to 0% or 100% (formatShare); a strategy
 * whose pods never waited is left out.
 */
export function waitSentence(list: readonly WaitSentenceInput[]): string {
  const parts = [...list]
    .filter((s) => s.waits.totalSeconds > 0)
    .sort((a, b) => b.waits.totalSeconds - a.waits.totalSeconds)
    .flatMap((s) => {
      const d = dominantCause(s.waits);
      return d ? [`${formatShare(d.share)} of the wait of ${s.name} is ${causePhrase(d.cause, s.strategy, s.waits)}`] : [];
    });
  return parts.length ? `Where the wait goes: ${parts.join('; ')}.` : '';
}
