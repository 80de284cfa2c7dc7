import { HOURS_PER_MONTH, SERVERLESS_SPOT_PRESETS } from '../pricing/spotPresets.ts';
import type { Serverless as ServerlessConfig } from '../scenario/strategy.ts';
import type { Random } from '../sim/random.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import { checkpointByClass, emptyTally, interruptPod, type InterruptionTally } from './interruptions.ts';
import type { ResolvedServerless } from './resolveServerless.ts';
import type { Serverless } from './serverless.ts';

type SpotConfig = NonNullable<ServerlessConfig['spot']>;

/**
 * The prices of preemptible pods: the configured spot prices, else the preset's published ones,
 * else the regular prices less the discount (the schema makes sure one of them is there).
 */
export function preemptiblePrices(preset: 'alibaba-eci' | 'gke-autopilot', regular: ResolvedServerless, spot: SpotConfig): { pricePerVcpuHour: number; pricePerGiBHour: number } {
  const p = SERVERLESS_SPOT_PRESETS[preset];
  const discount = spot.discount ?? p.discount;
  const cpu = spot.pricePerVcpuHour ?? (discount === undefined ? p.pricePerVcpuHour : undefined) ?? regular.pricePerVcpuHour * (1 - (discount ?? 0));
  const mem = spot.pricePerGiBHour ?? (discount === undefined ? p.pricePerGiBHour : undefined) ?? regular.pricePerGiBHour * (1 - (discount ?? 0));
  return { pricePerVcpuHour: cpu, pricePerGiBHour: mem };
}

/**
 * Preemptible serverless pods (ECI preemptible instances, GKE Autopilot Spot Pods): each pod's
 * interruption is a Poisson process from its billing start plus the protection period (ECI: 1 h),
 * the time drawn once at launch from this model's seeded stream; if the reclaim (notice + notice
 * period) comes before the pod ends, one kernel event reclaims it: billing stops, the pod keeps
 * the work up to its last checkpoint (or none) and is scheduled again like a new arrival.
 */
export class ServerlessSpot {
  private readonly ratePerSecond: number;
  private readonly notice: number;
  private readonly protection: number;
  private readonly checkpointEvery: Float64Array;
  private readonly reclaimAt: Float64Array;
  private readonly kReclaim: number;
  reschedule: (pod: number, now: number) => void = () => {};
  readonly tally: InterruptionTally = emptyTally();

  constructor(
    private readonly cluster: Cluster,
    private readonly serverless: Serverless,
    preset: 'alibaba-eci' | 'gke-autopilot',
    config: SpotConfig,
    private readonly rng: Random,
  ) {
    const p = SERVERLESS_SPOT_PRESETS[preset];
    this.ratePerSecond = (config.interruptionsPerMonth ?? p.interruptionsPerMonth ?? 0) / (HOURS_PER_MONTH * 3600);
    this.notice = config.noticeSeconds ?? p.noticeSeconds;
    this.protection = config.protectionPeriod ?? p.protectionPeriod;
    this.checkpointEvery = checkpointByClass(cluster.pods, config.checkpoints);
    this.reclaimAt = new Float64Array(cluster.pods.count).fill(NaN);
    this.kReclaim = cluster.kernel.on('preemptiblePodReclaimed', (pod) => this.onReclaim(pod));
    serverless.onLaunched = (pod, pullStart) => this.launched(pod, pullStart);
    // Reclaims come by pod: the service keeps each pod's current launch.
    serverless.trackLaunches();
  }

  private launched(pod: number, pullStart: number): void {
    if (this.ratePerSecond <= 0) return;
    const c = this.cluster;
    const at = pullStart + this.protection + this.rng.exponential(this.ratePerSecond) + this.notice;
    if (!(at < c.finishAt(pod)) || !(at < c.recorder.horizon)) return;
    this.reclaimAt[pod] = at;
    c.kernel.schedule(at, this.kReclaim, pod, PRIORITY.nodeReady);
  }

  private onReclaim(pod: number): void {
    const c = this.cluster;
    const now = c.kernel.now;
    if (this.reclaimAt[pod] !== now) return;
    this.reclaimAt[pod] = NaN;
    const t = this.tally;
    t.interruptions++;
    t.podsInterrupted++;
    t.lostPodSeconds += interruptPod(c, pod, now, this.checkpointEvery[c.pods.cls[pod]]);
    this.serverless.reclaim(pod, now);
    this.reschedule(pod, now);
  }
}
