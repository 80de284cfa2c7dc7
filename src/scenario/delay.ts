import { z } from './zod.ts';
import { strictObject } from './unknownField.ts';
import { Duration } from './duration.ts';

/**
 * A random delay: constant, uniform between min and max, or log-normal given by its median and
 * 95th percentile (the two numbers people quote for start latencies).
 */
export const Delay = z
  .discriminatedUnion('kind', [
    strictObject({ kind: z.literal('constant'), seconds: Duration }),
    strictObject({ kind: z.literal('uniform'), min: Duration, max: Duration }),
    strictObject({ kind: z.literal('lognormal'), median: Duration, p95: Duration }),
  ])
  .superRefine((d, ctx) => {
    if (d.kind === 'uniform' && d.max < d.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be >= min (${d.min})` });
    }
    if (d.kind === 'lognormal') {
      if (d.median <= 0) ctx.addIssue({ code: 'custom', path: ['median'], message: 'must be > 0' });
      if (d.p95 < d.median) ctx.addIssue({ code: 'custom', path: ['p95'], message: `must be >= median (${d.median})` });
    }
  });
export type Delay = z.infer<typeof Delay>;

export const constant = (seconds: number): Delay => ({ kind: 'constant', seconds });
