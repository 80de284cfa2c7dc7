import { PROVISIONING_STAGES, WAIT_CAUSES, type ProvisioningStage, type WaitCause } from './waits.ts';

/** Each wait cause in a few words, for tables, legends and sentences. */
export const WAIT_CAUSE_LABEL: Record<WaitCause, string> = {
  nextScan: 'next autoscaler scan',
  provisioning: 'node provisioning',
  limit: 'node limit',
  overflowTimeout: 'overflow timeout',
  launchThrottle: 'launch limit',
  sandbox: 'sandbox creation',
  imagePull: 'image pull',
  unschedulable: 'unschedulable',
  interruption: 'interrupted start',
  preemption: 'placeholder preemption',
};

/** Each stage of the provisioning wait in a few words (the wait breakdown's tooltip, the CLI table). */
export const PROVISIONING_STAGE_LABEL: Record<ProvisioningStage, string> = {
  awaitingScaleUp: 'before its scale-up',
  autoscalerLoop: 'autoscaler loop',
  nodeGroupReaction: 'node group reaction',
  nodeGroupLaunchRate: 'node group launch rate',
  cloudApiBucket: 'cloud API bucket',
  nodeStartup: 'create, boot, register, Ready',
  roomOnReadyNode: 'room on a Ready node',
  notBound: 'no node by then',
};

/** The stages with any seconds in `byStage`, in the standard order. */
export function stagesPresent(byStage: Record<ProvisioningStage, number>): ProvisioningStage[] {
  return PROVISIONING_STAGES.filter((k) => byStage[k] > 0);
}

/** The causes with any seconds in at least one of the given results, in the standard order. */
export function causesPresent(waits: ReadonlyArray<{ byCause: Record<WaitCause, number> }>): WaitCause[] {
  return WAIT_CAUSES.filter((c) => waits.some((w) => w.byCause[c] > 0));
}

/** The cause with the most seconds and its share of the total (null when nothing waited). */
export function dominantCause(w: { totalSeconds: number; byCause: Record<WaitCause, number> }): { cause: WaitCause; share: number } | null {
  if (!(w.totalSeconds > 0)) return null;
  let best: WaitCause = WAIT_CAUSES[0];
  for (const c of WAIT_CAUSES) if (w.byCause[c] > w.byCause[best]) best = c;
  return w.byCause[best] > 0 ? { cause: best, share: w.byCause[best] / w.totalSeconds } : null;
}
