import { SERVERLESS_IMAGE_PULL } from '../providers/imagePull.ts';
import { SERVERLESS_PRESETS } from '../pricing/serverlessPresets.ts';
import type { Delay } from '../scenario/delay.ts';
import type { Serverless } from '../scenario/strategy.ts';
import type { SizingRule } from './serverlessSizing.ts';

/** A serverless config with every field filled from its preset. */
export interface ResolvedServerless {
  preset: string;
  currency: string;
  pricePerVcpuHour: number;
  pricePerGiBHour: number;
  sizing: SizingRule;
  podOverheadMiB: number;
  billing: { granularitySeconds: number; minimumSeconds: number };
  launchRate: { burst: number; perSecond: number } | null;
  schedulingRate: { burst: number; perSecond: number } | null;
  podStart: { sandbox: Delay; imagePull: Delay };
  /**
   * A pull of an image of known size: latency + size / bandwidth; null with the image cache on
   * (the cached pull, podStart.imagePull, does not depend on the size).
   */
  imagePullRate: { mibPerSecond: number; latencySeconds: number } | null;
}

export function resolveServerless(s: Serverless): ResolvedServerless {
  const p = SERVERLESS_PRESETS[s.preset];
  return {
    preset: p.id,
    currency: p.currency,
    pricePerVcpuHour: s.pricePerVcpuHour ?? p.pricePerVcpuHour,
    pricePerGiBHour: s.pricePerGiBHour ?? p.pricePerGiBHour,
    sizing: s.sizing ?? p.sizing,
    podOverheadMiB: s.podOverheadMiB ?? p.podOverheadMiB,
    billing: s.billing ?? p.billing,
    launchRate: s.launchRate === undefined ? p.launchRate : s.launchRate,
    schedulingRate: s.schedulingRate === undefined ? p.schedulingRate : s.schedulingRate,
    podStart: s.podStart ?? (s.imageCache ? { sandbox: p.podStart.sandbox, imagePull: p.imageCache.imagePull } : p.podStart),
    imagePullRate: s.imageCache
      ? null
      : { mibPerSecond: s.imagePullMiBPerSecond ?? SERVERLESS_IMAGE_PULL[p.id].mibPerSecond, latencySeconds: s.imagePullLatency ?? SERVERLESS_IMAGE_PULL[p.id].latencySeconds },
  };
}
