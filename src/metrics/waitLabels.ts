import { WAIT_CAUSES, type WaitCause } from './waits.ts';

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
