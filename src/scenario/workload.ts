import { z } from './zod.ts';
import { strictObject } from './unknownField.ts';
import { Duration, TimeOfDay } from './duration.ts';
import { Delay } from './delay.ts';
import { atMost, MAX_JOBS_PER_HOUR, MAX_PODS_AT_ONCE } from './limits.ts';

const PODS_WHY = 'Kubernetes supports 150,000 pods per cluster';

/** What one pod requests: CPU in millicores, memory in MiB (Kubernetes requests). */
export const PodSize = strictObject({
  cpuMillicores: z.number().positive().max(512_000),
  memoryMiB: z.number().positive().max(4_194_304),
});
export type PodSize = z.infer<typeof PodSize>;

/**
 * The pods' container image as the registry stores it (compressed), in MiB. Given, a pull takes
 * the provider's fixed latency plus size / its pull bandwidth (src/providers/imagePull.ts) instead
 * of the podStart.imagePull delay; absent, that delay as before. Pods of one class share one image:
 * a node pulls it once (kubelet's image cache), a serverless pod every time.
 */
export const ImageSizeMiB = z.number().positive().max(1_048_576, atMost(1_048_576, 'MiB (1 TiB); the largest registries take 10 GiB layers'));

const common = {
  name: z.string().min(1).max(80),
  /** Pod class, used by overflow policies and class selectors to route pods. */
  class: z.string().min(1).max(40).default('default'),
  imageSizeMiB: ImageSizeMiB.optional(),
};

/**
 * A Deployment whose replicas follow the day: a cosine between minReplicas (at night) and
 * maxReplicas (at peakAt), re-evaluated every step. Scale-down removes the newest pods first.
 */
export const DiurnalService = strictObject({
    type: z.literal('diurnal'),
    ...common,
    minReplicas: z.number().int().nonnegative().max(MAX_PODS_AT_ONCE, atMost(MAX_PODS_AT_ONCE, PODS_WHY)),
    maxReplicas: z.number().int().nonnegative().max(MAX_PODS_AT_ONCE, atMost(MAX_PODS_AT_ONCE, PODS_WHY)),
    peakAt: TimeOfDay.default(14 * 3600),
    step: Duration.default(300),
    pod: PodSize,
  })
  .superRefine((g, ctx) => {
    if (g.maxReplicas < g.minReplicas) ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: `must be >= minReplicas (${g.minReplicas})` });
    if (g.step < 1) ctx.addIssue({ code: 'custom', path: ['step'], message: 'must be at least 1 s' });
  });

/**
 * Sessions that start at fixed times every day (online classes, live events). Each session's pods
 * arrive around the start within herdWidth (triangular, peaked at the start) and end together when
 * the session ends (plus up to endJitter).
 */
export const EveningBurst = strictObject({
  type: z.literal('burst'),
  ...common,
  sessionStarts: z.array(TimeOfDay).min(1).max(48),
  podsPerSession: z.number().int().positive().max(MAX_PODS_AT_ONCE, atMost(MAX_PODS_AT_ONCE, PODS_WHY)),
  herdWidth: Duration.default(300),
  sessionLength: Duration.default(3000),
  endJitter: Duration.default(120),
  /**
   * withSession: every pod ends when its session ends (a class ends at its set time, however late
   * its pod got to run); afterRunTime: a pod runs its whole length from when it starts.
   */
  podsEnd: z.enum(['withSession', 'afterRunTime']).default('withSession'),
  pod: PodSize,
});

/** Jobs arriving as a Poisson process, optionally only inside a daily window (e.g. 01:00-05:00). */
export const PoissonBatch = strictObject({
  type: z.literal('batch'),
  ...common,
  jobsPerHour: z.number().positive().max(MAX_JOBS_PER_HOUR, atMost(MAX_JOBS_PER_HOUR, '278 jobs a second')),
  window: strictObject({ from: TimeOfDay, to: TimeOfDay }).optional(),
  runtime: Delay,
  pod: PodSize,
});

/**
 * Pods from a trace in the canonical CSV format arrival_s,duration_s,cpu_m,mem_mib[,class].
 * Small traces can be inline (`rows`); larger ones are read from `path` (CLI) or imported (app).
 */
export const TraceSource = strictObject({
    type: z.literal('trace'),
    name: z.string().min(1).max(200),
    path: z.string().max(4096).optional(),
    rows: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()]).rest(z.union([z.string(), z.number()]))).optional(),
    /** Seconds added to every arrival, e.g. to place a trace at 19:00 (the trace's time 0 is its first arrival). */
    offset: Duration.default(0),
    /**
     * Replay only this part of the trace, seconds after its time 0 (its first arrival): pods
     * arriving from `from` until `to` (without `to`: to the end), plus pods still running at
     * `from`, which start there with the time they had left. `from` becomes the trace's time 0
     * (before `offset`).
     */
    window: strictObject({ from: Duration, to: Duration.optional() }).optional(),
    /** How the app mapped the columns of an imported file (kept so a saved scenario re-imports the same way). */
    mapping: z.record(z.string(), z.unknown()).optional(),
    /** Content hash and row count of an imported file too big to keep inline. */
    fingerprint: strictObject({ rows: z.number().int().nonnegative(), sha256: z.string() }).optional(),
    /** The image of every pod of the trace (each of its classes), as for the generated workloads. */
    imageSizeMiB: ImageSizeMiB.optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.path && !t.rows && !t.fingerprint) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a trace needs a path, inline rows or an imported file' });
    if (t.window?.to !== undefined && !(t.window.to > t.window.from)) ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: `must be after window.from (${t.window.from} s)` });
  });

export const WorkloadSource = z.discriminatedUnion('type', [DiurnalService, EveningBurst, PoissonBatch, TraceSource]);
export type WorkloadSource = z.infer<typeof WorkloadSource>;
export type DiurnalService = z.infer<typeof DiurnalService>;
export type EveningBurst = z.infer<typeof EveningBurst>;
export type PoissonBatch = z.infer<typeof PoissonBatch>;
export type TraceSource = z.infer<typeof TraceSource>;
