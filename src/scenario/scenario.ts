import { z } from './zod.ts';
import { strictObject } from './unknownField.ts';
import { Duration } from './duration.ts';
import { WorkloadSource } from './workload.ts';
import { Strategy } from './strategy.ts';

// zod runs jitless (no generated parsers): see ./zod.ts.

export const SCHEMA_VERSION = 1;

/**
 * The longest horizon: a leap year, so a year-long trace replays whole (the Alibaba openb pod list
 * spans 149 days). Time series stay bounded whatever the horizon (src/metrics/recorder.ts widens
 * buckets instead of adding them).
 */
export const MAX_HORIZON_SECONDS = 366 * 86400;

export const Scenario = strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    name: z.string().min(1).max(120),
    description: z.string().max(4000).default(''),
    seed: z.number().int().nonnegative().max(2 ** 32 - 1).default(1),
    /** Simulated time from 00:00 of day one. */
    horizon: Duration.default(86400),
    slo: strictObject({ pendingSeconds: Duration.default(60) }).default({ pendingSeconds: 60 }),
    workload: z.array(WorkloadSource).min(1).max(50),
    strategies: z.array(Strategy).min(1).max(12),
  })
  .superRefine((s, ctx) => {
    if (s.horizon <= 0) ctx.addIssue({ code: 'custom', path: ['horizon'], message: 'must be > 0' });
    if (s.horizon > MAX_HORIZON_SECONDS) ctx.addIssue({ code: 'custom', path: ['horizon'], message: `must be at most ${MAX_HORIZON_SECONDS / 86400} days` });
    // Pods of one class share one image (a node caches it by class): one size per class.
    const sized = new Map<string, number>();
    s.workload.forEach((w, i) => {
      if (w.type === 'trace') return;
      const other = sized.get(w.class);
      if (other === undefined) return void sized.set(w.class, i);
      const size = s.workload[other].imageSizeMiB;
      if (size !== w.imageSizeMiB) {
        ctx.addIssue({ code: 'custom', path: ['workload', i, 'imageSizeMiB'], message: `class "${w.class}" is also workload.${other}'s ("${s.workload[other].name}", ${size === undefined ? 'no image size' : `imageSizeMiB ${size}`}): pods of one class share one image; give the same size or another class` });
      }
    });
    const seen = new Set<string>();
    s.strategies.forEach((st, i) => {
      if (seen.has(st.name)) ctx.addIssue({ code: 'custom', path: ['strategies', i, 'name'], message: `"${st.name}" is used by two strategies; names must be unique` });
      seen.add(st.name);
    });
  });

export type Scenario = z.infer<typeof Scenario>;
/** What a person may write: durations as "10m", defaults left out. */
export type ScenarioInput = z.input<typeof Scenario>;
