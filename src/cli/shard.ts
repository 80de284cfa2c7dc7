import { InputError } from './loadScenarioFile.ts';

/**
 * One of `count` disjoint slices of a multi-run command's work. Shards are numbered from 0, like
 * a Kubernetes Indexed Job's JOB_COMPLETION_INDEX, so a pod runs `--shard $(JOB_COMPLETION_INDEX)/n`.
 */
export interface Shard {
  index: number;
  count: number;
}

/** Far more shards than any study has work units; a bound so a typo cannot ask for 10^12 of them. */
export const MAX_SHARDS = 100_000;

export class ShardError extends InputError {}

/** Reads `--shard i/n` (0 <= i < n). Throws ShardError with one line naming the value. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(text.trim());
  if (!m) throw new ShardError(`--shard "${text}": expected i/n with whole numbers, 0 <= i < n (shards are numbered from 0, like JOB_COMPLETION_INDEX)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new ShardError(`--shard "${text}": the number of shards must be at least 1`);
  if (count > MAX_SHARDS) throw new ShardError(`--shard "${text}": at most ${MAX_SHARDS.toLocaleString('en-US')} shards`);
  if (index >= count) throw new ShardError(`--shard "${text}": shard ${index} does not exist: with ${count} shards they are numbered 0 to ${count - 1}`);
  return { index, count };
}

export const formatShard = (s: Shard): string => `${s.index}/${s.count}`;

/**
 * The work units (indices into the command's ordered list of `total` units: sweep variants, Monte
 * Carlo runs, grid points) that a shard computes: every n-th unit from the i-th. Striding instead
 * of contiguous blocks spreads expensive corners of a grid (e.g. the largest workloads, which sit
 * at one end of a sweep) over all shards. Every unit is in exactly one shard; a shard may be empty
 * when there are more shards than units.
 */
export function shardUnits(total: number, shard: Shard): number[] {
  const units: number[] = [];
  for (let u = shard.index; u < total; u += shard.count) units.push(u);
  return units;
}
