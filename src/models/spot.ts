import type { NodeSpot } from '../scenario/strategy.ts';
import { HOURS_PER_MONTH, SPOT_PRESETS } from '../pricing/spotPresets.ts';
import type { Random } from '../sim/random.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import { checkpointByClass, emptyTally, interruptPod, type InterruptionTally } from './interruptions.ts';
import type { NodeCapacity, NodePool } from './nodePool.ts';

/**
 * Spot / preemptible nodes (EC2 Spot, Alibaba ECS preemptible, GCE Spot VMs):
 * - each launch gets spot capacity with probability `availability`, else an on-demand node (the
 *   fallback); a spot node costs its type's spot price or the on-demand price less the discount;
 * - interruptions are a Poisson process per node: once the node is Ready (and past its protection
 *   period), the time to its notice is exponential with the configured rate, drawn from this
 *   model's own seeded stream; one kernel event per node, no scans;
 * - at the notice the node leaves scheduling; after the notice period the provider reclaims it: its
 *   pods stop and are scheduled again (routing, as if they had just arrived), keeping only the
 *   work up to their last checkpoint (classes in `checkpoints`), else rerunning in full.
 * Interrupted pods were already Running once, so their wait to run again is not in the pending
 * time (arrival to first Running); the lost work is counted in `lostPodSeconds`.
 */
export class NodeSpotCapacity implements NodeCapacity {
  private readonly spotPrice: number[];
  private readonly ratePerSecond: number;
  private readonly notice: number;
  private readonly protection: number;
  private readonly checkpointEvery: Float64Array;
  private spot = new Uint8Array(64);
  private noticeAt = new Float64Array(64);
  private readonly kNotice: number;
  private readonly kReclaim: number;
  private readonly stopped: number[] = [];
  /** Where a stopped pod goes again (routing, set once it exists). */
  reschedule: (pod: number, now: number) => void = () => {};
  spotLaunched = 0;
  onDemandFallbacks = 0;
  readonly tally: InterruptionTally = emptyTally();

  constructor(
    private readonly cluster: Cluster,
    private readonly pool: NodePool,
    config: NodeSpot,
    private readonly rng: Random,
  ) {
    const preset = SPOT_PRESETS[config.preset];
    const discount = config.discount ?? preset.discount;
    this.spotPrice = pool.shapes.map((shape) => {
      const listed = config.pricePerHour?.[shape.name];
      if (listed !== undefined) return listed;
      if (discount === undefined) throw new Error(`spot: no price for ${shape.name} (schema should have said)`);
      return shape.pricePerHour * (1 - discount);
    });
    const perMonth = config.interruptionsPerMonth ?? preset.interruptionsPerMonth ?? 0;
    this.ratePerSecond = perMonth / (HOURS_PER_MONTH * 3600);
    this.notice = config.noticeSeconds ?? preset.noticeSeconds;
    this.protection = config.protectionPeriod ?? preset.protectionPeriod;
    this.availability = config.availability;
    this.checkpointEvery = checkpointByClass(cluster.pods, config.checkpoints);
    const k = cluster.kernel;
    this.kNotice = k.on('spotInterruptionNotice', (slot) => this.onNotice(slot));
    this.kReclaim = k.on('spotReclaimed', (slot) => this.onReclaim(slot));
    pool.capacity = this;
  }

  private readonly availability: number;

  private ensure(slot: number): void {
    if (slot < this.spot.length) return;
    let n = this.spot.length * 2;
    while (n <= slot) n *= 2;
    const spot = new Uint8Array(n);
    spot.set(this.spot);
    this.spot = spot;
    const at = new Float64Array(n);
    at.set(this.noticeAt);
    this.noticeAt = at;
  }

  launched(slot: number, s: number, _now: number): number {
    this.ensure(slot);
    this.noticeAt[slot] = NaN;
    // availability 1 draws nothing, so a pool that always gets spot uses no random numbers here.
    const gotSpot = this.availability >= 1 || (this.availability > 0 && this.rng.next() < this.availability);
    this.spot[slot] = gotSpot ? 1 : 0;
    if (!gotSpot) {
      this.onDemandFallbacks++;
      return this.pool.shapes[s].pricePerHour;
    }
    this.spotLaunched++;
    return this.spotPrice[s];
  }

  isSpot(slot: number): boolean {
    return this.spot[slot] === 1;
  }

  ready(slot: number, now: number): void {
    if (this.spot[slot] !== 1 || this.ratePerSecond <= 0) return;
    // Memoryless: the time to the next interruption from when the node can be interrupted.
    const from = Math.max(now, this.pool.launchedAt[slot] + this.protection);
    const at = from + this.rng.exponential(this.ratePerSecond);
    if (!(at < this.cluster.recorder.horizon)) return;
    this.noticeAt[slot] = at;
    this.cluster.kernel.schedule(at, this.kNotice, slot, PRIORITY.nodeReady);
  }

  private onNotice(slot: number): void {
    const now = this.cluster.kernel.now;
    // The node may have been removed (and its slot reused) since the notice was drawn.
    if (this.noticeAt[slot] !== now) return;
    if (!this.pool.beginInterruption(slot)) return;
    this.cluster.kernel.schedule(now + this.notice, this.kReclaim, slot, PRIORITY.nodeReady);
  }

  private onReclaim(slot: number): void {
    const c = this.cluster;
    const now = c.kernel.now;
    const t = this.tally;
    t.interruptions++;
    const cls = c.pods.cls;
    this.pool.reclaim(slot, now, (pod) => {
      t.podsInterrupted++;
      t.lostPodSeconds += interruptPod(c, pod, now, this.checkpointEvery[cls[pod]]);
    }, this.stopped);
    for (const pod of this.stopped) this.reschedule(pod, now);
  }
}
