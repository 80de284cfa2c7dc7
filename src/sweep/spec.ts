/** One swept parameter: a dotted path into the parsed Scenario and a linear range. */
export interface SweepParam {
  /** e.g. "workload.1.podsPerSession", "strategies.0.nodePool.autoscaler.scaleDownUnneededTime". */
  path: string;
  from: number;
  to: number;
  /** Number of values, ends included (>= 2). */
  steps: number;
}

/** One parameter gives a line of variants, two give a grid (first parameter varies slowest). */
export type SweepSpec = [SweepParam] | [SweepParam, SweepParam];

/** A sweep that cannot be planned: bad syntax, unknown path, a field that is not a number. */
export class SweepSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepSpecError';
  }
}

export const MAX_STEPS = 1000;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parses the command-line form `path=from:to:steps`, e.g. `workload.1.podsPerSession=1000:24000:7`. */
export function parseSweepArg(text: string): SweepParam {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new SweepSpecError(`--sweep "${text}": expected path=from:to:steps, e.g. workload.1.podsPerSession=1000:24000:7`);
  const path = text.slice(0, eq).trim();
  const parts = text.slice(eq + 1).split(':');
  if (parts.length !== 3) throw new SweepSpecError(`--sweep ${path}: expected from:to:steps after "=", got "${text.slice(eq + 1)}"`);
  const [from, to, steps] = parts.map((p, i) => {
    const t = p.trim();
    if (!NUMBER.test(t)) throw new SweepSpecError(`--sweep ${path}: ${['from', 'to', 'steps'][i]} "${p}" is not a number`);
    return Number(t);
  });
  return checkParam({ path, from, to, steps });
}

/** Range checks shared by the CLI and library callers. */
export function checkParam(p: SweepParam): SweepParam {
  if (!Number.isFinite(p.from) || !Number.isFinite(p.to)) throw new SweepSpecError(`sweep ${p.path}: from and to must be finite numbers`);
  if (!Number.isInteger(p.steps) || p.steps < 2) throw new SweepSpecError(`sweep ${p.path}: steps must be an integer >= 2, got ${p.steps}`);
  if (p.steps > MAX_STEPS) throw new SweepSpecError(`sweep ${p.path}: at most ${MAX_STEPS} steps, got ${p.steps}`);
  return p;
}

/**
 * The values of a parameter: `steps` evenly spaced from `from` to `to`. Integer fields are rounded
 * and repeated values dropped (0:3:7 on an integer field is 0, 1, 2, 3); others are trimmed to 12
 * significant digits so 0.1 steps print as 0.3, not 0.30000000000000004.
 */
export function linearValues(p: SweepParam, integer: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.steps; i++) {
    const raw = p.from + ((p.to - p.from) * i) / (p.steps - 1);
    const v = integer ? Math.round(raw) : Number(raw.toPrecision(12));
    if (out[out.length - 1] !== v) out.push(v);
  }
  return out;
}
