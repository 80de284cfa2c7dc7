import { LEVEL, type Recorder } from '../metrics/recorder.ts';

/**
 * Seconds a cloud charges for something that ran `seconds`: rounded up to the billing
 * granularity, and at least the minimum (EC2 Linux and Fargate: per second, 60 s minimum).
 */
export function billedSeconds(seconds: number, granularitySeconds: number, minimumSeconds: number): number {
  const g = granularitySeconds > 0 ? granularitySeconds : 1;
  // Tolerate float noise (e.g. 59.99999999 s) so a whole number of seconds is not rounded up again.
  const rounded = Math.ceil(seconds / g - 1e-9) * g;
  return Math.max(rounded, minimumSeconds);
}

/**
 * Stops paying for capacity (vcpu and memGiB at `perSecond`) that has been paid for since `since`:
 * lowers the paid levels and adds the part of the billing minimum or rounding that was paid but
 * not used. Returns the seconds billed. Call `recorder.at(now)` first.
 */
export function stopPaying(
  recorder: Recorder,
  now: number,
  since: number,
  billing: { granularitySeconds: number; minimumSeconds: number },
  vcpu: number,
  memGiB: number,
  perSecond: number,
): number {
  const used = now - since;
  const billed = billedSeconds(used, billing.granularitySeconds, billing.minimumSeconds);
  recorder.add(LEVEL.paidCpu, -vcpu);
  recorder.add(LEVEL.paidMem, -memGiB);
  recorder.add(LEVEL.costRate, -perSecond);
  const extra = billed - used;
  if (extra > 0) {
    recorder.lump(now, LEVEL.costRate, perSecond * extra);
    recorder.lump(now, LEVEL.paidCpu, vcpu * extra);
    recorder.lump(now, LEVEL.paidMem, memGiB * extra);
  }
  return billed;
}
