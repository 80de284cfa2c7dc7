import { z } from '../scenario/zod.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { runSweep, sweepJson, type SweepPlan, type SweepRow } from '../sweep/index.ts';
import type { PodTable } from '../workload/podTable.ts';
import { makePartial, type PartialResult } from './partial.ts';
import { shardUnits, type Shard } from './shard.ts';

/** What every shard of a sweep plans alike: the document's fields that are not rows. */
export interface SweepHead {
  scenario: string;
  params: SweepPlan['params'];
  invalid: SweepPlan['invalid'];
}

/**
 * `--sweep ... --shard i/n`: the work units are the plan's valid variants in the order the
 * unsharded sweep runs them; this shard simulates its slice of them only.
 */
export function sweepShard(scenario: Scenario, traces: ReadonlyMap<string, PodTable>, plan: SweepPlan, shard: Shard): PartialResult<SweepHead, SweepRow> {
  const indices = shardUnits(plan.variants.length, shard);
  const rows = runSweep({ ...plan, variants: indices.map((i) => plan.variants[i]) }, { traces });
  return makePartial('sweep', { scenario, traces }, shard, plan.variants.length, indices, { scenario: scenario.name, params: plan.params, invalid: plan.invalid }, rows);
}

const finite = z.number().nullable(); // JSON has no Infinity or NaN: they print as null, like the unsharded output

export const SweepHeadSchema = z.object({
  scenario: z.string(),
  params: z.array(z.object({ path: z.string(), integer: z.boolean(), values: z.array(z.number()) })).min(1).max(2),
  invalid: z.array(z.object({ values: z.array(z.number()), issues: z.array(z.object({ path: z.string(), message: z.string() })) })),
});

export const SweepRowSchema = z.object({
  values: z.array(z.number()),
  strategies: z.array(z.object({ name: z.string(), cost: z.number(), p95: finite })),
});

/** The `--sweep --json` document from all rows, exactly as the unsharded command builds it. */
export function finishSweep(head: SweepHead, seed: number, rows: SweepRow[]): unknown {
  return sweepJson(head.scenario, seed, { params: head.params, invalid: head.invalid, variants: [] }, rows);
}
