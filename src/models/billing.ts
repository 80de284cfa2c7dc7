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
