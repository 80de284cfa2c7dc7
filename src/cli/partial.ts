import { createHash } from 'node:crypto';
import { z } from '../scenario/zod.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { PodTable } from '../workload/podTable.ts';
import { formatShard, type Shard } from './shard.ts';
import { SPILLWAY_VERSION } from './version.ts';

/**
 * A shard's partial result: the results of some work units of a multi-run command, with what
 * they cover, so `spillway merge` can check that the parts belong together and leave nothing out.
 * Printed as ONE line that starts with `{"spillwayPartial":`: `kubectl logs` mixes a pod's stderr
 * (warnings) into its stdout, and merge finds the partial among such lines by that start.
 */
export interface PartialResult<Head = unknown, Result = unknown> {
  spillwayPartial: 1;
  /** The command whose work this is ("sweep"); merge finishes it the way that command would. */
  command: string;
  version: string;
  /** sha256 of the scenario as run (after --seed and --trace) and of every trace table it read. */
  scenarioHash: string;
  seed: number;
  /** "i/n", 0-based. */
  shard: string;
  units: { total: number; indices: number[] };
  /** What every shard of the command computes alike (for a sweep: the scenario name, parameters and skipped variants). */
  head: Head;
  /** One per unit in `units.indices`, in that order. */
  results: Result[];
}

export const PARTIAL_START = '{"spillwayPartial":';

export function makePartial<Head, Result>(
  command: string,
  run: { scenario: Scenario; traces: ReadonlyMap<string, PodTable> },
  shard: Shard,
  total: number,
  indices: number[],
  head: Head,
  results: Result[],
): PartialResult<Head, Result> {
  return {
    spillwayPartial: 1,
    command,
    version: SPILLWAY_VERSION,
    scenarioHash: scenarioHash(run.scenario, run.traces),
    seed: run.scenario.seed,
    shard: formatShard(shard),
    units: { total, indices },
    head,
    results,
  };
}

/** The partial as the one line a shard prints. */
export const partialLine = (p: PartialResult): string => JSON.stringify(p);

/**
 * Identifies the work: the validated scenario (so formatting and key order of the file do not
 * matter) and the pod tables read from its traces, byte for byte (a trace edited between shards,
 * or read with and without --skip-bad-rows, gives another hash).
 */
export function scenarioHash(scenario: Scenario, traces: ReadonlyMap<string, PodTable>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(scenario));
  for (const [name, t] of traces) {
    h.update(`\0trace ${JSON.stringify(name)} ${t.count} ${JSON.stringify(t.classNames)}\0`);
    for (const a of [t.arrival, t.duration, t.cpu, t.mem, t.cls]) {
      const used = a.subarray(0, t.count);
      h.update(new Uint8Array(used.buffer, used.byteOffset, used.byteLength));
    }
  }
  return `sha256:${h.digest('hex')}`;
}

/** The envelope merge checks before it looks at a command's own head and results. */
export const PartialEnvelope = z.object({
  spillwayPartial: z.literal(1),
  command: z.string(),
  version: z.string(),
  scenarioHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>'),
  seed: z.number().int().nonnegative(),
  shard: z.string(),
  units: z.object({ total: z.number().int().nonnegative(), indices: z.array(z.number().int().nonnegative()) }),
  head: z.unknown(),
  results: z.array(z.unknown()),
});
