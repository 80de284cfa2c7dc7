import { LEVEL } from '../metrics/recorder.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import { billedSeconds } from './billing.ts';
import { ImagePullTime } from './imagePullTime.ts';
import { LaunchBucket } from './launchBucket.ts';
import { NOWHERE, ON_SERVERLESS, POD, PRIORITY, type Cluster } from './cluster.ts';
import type { ResolvedServerless } from './resolveServerless.ts';
import { roundToSize } from './serverlessSizing.ts';

/** Slots of the request-shape memo. */
const MEMO = 256;
/** A launch record is billing (its pod launched and not yet finished or reclaimed)... */
const LIVE = 1;
/** ... or billed, its finish event still to come (the record is freed when that event fires). */
const BILLED = 2;

/**
 * Pod-billed serverless containers (Fargate, ECI, Autopilot), one micro-VM per pod:
 * - launches pass the measured scheduling rate in front of the launch API (EKS on Fargate), then
 *   the launch token bucket (burst, then perSecond), first come first served;
 * - a launched pod creates its sandbox, then pulls its image (never cached on the micro-VM; the
 *   provider's image cache / lazy loading switch shortens the pull), then runs;
 * - billing runs from the start of the image pull to the end of the pod, on the request plus
 *   overhead rounded up to an allowed size, per second with the provider's minimum.
 *
 * Pods come in a few request shapes, and everything billing needs is a property of the shape
 * (its rounded size, spend rate, requested vCPU and GiB): per launch only the pod, its shape and
 * its pull start are kept, the shape's levels change together as one recorder mix, and billed
 * seconds are summed per shape (costs are priced once, at the end).
 *
 * Launch records, not per-pod arrays: a launch takes a record (a freed one first) and its finish
 * event carries the record, so the records in use are about the pods launched and not finished
 * (tens of thousands at a 1M-pod replay's peak), dense and in cache. Per-pod arrays of every pod
 * were 9 MB of fresh memory at 1M pods (a pull start and a shape byte each), whose first touch
 * cost about 25 ms, and a cache miss per finish. A record is freed when its finish event fires,
 * never before (a reclaimed launch's record waits for its now stale event, so no event ever
 * reaches a record reused by another pod).
 */
export class Serverless {
  private readonly sandbox: DelaySampler;
  private readonly imagePull: ImagePullTime;
  private readonly pricePerVcpuSecond: number;
  private readonly pricePerGiBSecond: number;
  /** Request shape id per (cpu, mem), -1 if it fits no size; a direct-mapped memo in front. */
  private readonly shapeIds = new Map<number, number>();
  private readonly memoCpu = new Float64Array(MEMO).fill(NaN);
  private readonly memoMem = new Float64Array(MEMO);
  private readonly memoShape = new Int32Array(MEMO);
  /** Per shape: its rounded size, and the recorder mixes of a running pod and of its billing. */
  private readonly shapeVcpu: number[] = [];
  private readonly shapeMemGiB: number[] = [];
  private readonly shapeMix: number[] = [];
  private readonly shapePaidMix: number[] = [];
  /** Per shape: its spend per second. */
  private readonly shapeRate: number[] = [];
  /** Per shape: seconds billed so far (all pods of the shape). */
  private readonly shapeBilled: number[] = [];
  /** Per launch record: its pod, the pod's shape, its pull (and billing) start, and LIVE / BILLED (0: free). */
  private recPod = new Int32Array(1024);
  private recShape = new Int32Array(1024);
  private recPullStart = new Float64Array(1024);
  private recState = new Uint8Array(1024);
  /** Records ever used; freed ones are reused first (a stack). */
  private recUsed = 0;
  private recFree = new Int32Array(1024);
  private recFreeCount = 0;
  /** Per pod, its current launch's record: only with `trackLaunches` (preemptible pods are reclaimed by pod). */
  private recOf: Int32Array | undefined;
  /** Per pod, its last pull start (NaN: never launched here): only with `keepPullStarts`. */
  private pullStartOf: Float64Array | undefined;

  /** The measured scheduling rate in front of the launch API, then the launch bucket (null: none). */
  private readonly scheduling: LaunchBucket | null;
  private readonly launchBucket: LaunchBucket | null;

  /** Pods currently launched and not finished (for ResourcePolicy unit max). */
  active = 0;
  /** Told each launch: the pod, when its billing starts and when it will be Running (preemptible pods draw their interruption). */
  onLaunched: ((pod: number, pullStart: number) => void) | undefined;
  /** Told each pod's billing when it stops: [since, until], billed seconds, spend per second (commitments count usage by the hour). */
  onPodBilled: ((pod: number, since: number, until: number, billedSeconds: number, perSecond: number) => void) | undefined;
  private readonly kFinish: number;

  constructor(
    private readonly cluster: Cluster,
    private readonly config: ResolvedServerless,
  ) {
    const rng = cluster.rng;
    this.sandbox = new DelaySampler(config.podStart.sandbox, rng);
    this.imagePull = new ImagePullTime(config.podStart.imagePull, rng, cluster.pods.imageSizeMiB, config.imagePullRate);
    this.pricePerVcpuSecond = config.pricePerVcpuHour / 3600;
    this.pricePerGiBSecond = config.pricePerGiBHour / 3600;
    this.scheduling = config.schedulingRate ? new LaunchBucket(config.schedulingRate) : null;
    this.launchBucket = config.launchRate ? new LaunchBucket(config.launchRate) : null;
    const k = cluster.kernel;
    this.kFinish = k.on('podFinishedOnServerless', (rec) => this.onFinished(rec));
  }

  /** Spent on vCPU so far (pods that finished or were billed at the end). */
  get cpuCost(): number {
    return this.billedUnitSeconds(this.shapeVcpu) * this.pricePerVcpuSecond;
  }

  get memCost(): number {
    return this.billedUnitSeconds(this.shapeMemGiB) * this.pricePerGiBSecond;
  }

  /** Billed seconds times the per-shape amount (vCPU or GiB), over every shape. */
  private billedUnitSeconds(perShape: readonly number[]): number {
    let sum = 0;
    for (let s = 0; s < perShape.length; s++) sum += perShape[s] * this.shapeBilled[s];
    return sum;
  }

  private shapeOf(pod: number): number {
    const p = this.cluster.pods;
    const cpu = p.cpu[pod];
    const mem = p.mem[pod];
    // A direct-mapped memo first: pods come in a few request shapes, and this avoids hashing.
    const m = (cpu * 7 + mem * 13) & (MEMO - 1);
    if (this.memoCpu[m] === cpu && this.memoMem[m] === mem) return this.memoShape[m];
    return this.shapeOfMiss(cpu, mem, m);
  }

  /** Not in the memo: looks the shape up (or defines it) and remembers it in memo slot `m`. */
  private shapeOfMiss(cpu: number, mem: number, m: number): number {
    const key = cpu * 1e8 + mem;
    let s = this.shapeIds.get(key);
    if (s === undefined) {
      s = this.defineShape(cpu, mem);
      this.shapeIds.set(key, s);
    }
    this.memoCpu[m] = cpu;
    this.memoMem[m] = mem;
    this.memoShape[m] = s;
    return s;
  }

  /** A new request shape: its size and recorder mixes (or -1: it fits no size). */
  private defineShape(cpu: number, mem: number): number {
    const size = roundToSize(this.config.sizing, cpu, mem, this.config.podOverheadMiB);
    if (!(size.vcpu > 0)) return -1;
    const rate = size.vcpu * this.pricePerVcpuSecond + size.memoryGiB * this.pricePerGiBSecond;
    const r = this.cluster.recorder;
    this.shapeVcpu.push(size.vcpu);
    this.shapeMemGiB.push(size.memoryGiB);
    this.shapeBilled.push(0);
    this.shapeRate.push(rate);
    this.shapeMix.push(
      r.mix({
        [LEVEL.serverless]: 1,
        [LEVEL.paidCpu]: size.vcpu,
        [LEVEL.paidMem]: size.memoryGiB,
        [LEVEL.requestedCpu]: cpu / 1000,
        [LEVEL.requestedMem]: mem / 1024,
        [LEVEL.costRate]: rate,
      }),
    );
    // The billing minimum and rounding: paid for, not requested.
    this.shapePaidMix.push(r.mix({ [LEVEL.paidCpu]: size.vcpu, [LEVEL.paidMem]: size.memoryGiB, [LEVEL.costRate]: rate }));
    return this.shapeVcpu.length - 1;
  }

  /** Keeps every pod's last pull start from now on, for `pullStartedAt` (a per-pod array: for small runs that read it). */
  keepPullStarts(): void {
    this.pullStartOf ??= new Float64Array(this.cluster.pods.count).fill(NaN);
  }

  /** When the pod's image pull (and billing) last started; NaN if it was never launched here. Needs `keepPullStarts` before the run. */
  pullStartedAt(pod: number): number {
    if (!this.pullStartOf) throw new Error('Serverless.pullStartedAt: call keepPullStarts() before the run');
    return this.pullStartOf[pod];
  }

  /**
   * Keeps each pod's current launch record from now on, for `reclaim` (preemptible pods). Whatever
   * stops pods running here must call it before the run: finish events are checked against a
   * stop only then (see `onFinished`).
   */
  trackLaunches(): void {
    this.recOf ??= new Int32Array(this.cluster.pods.count).fill(-1);
  }

  /** Can this pod run here at all (does its request fit an allowed size)? */
  fits(pod: number): boolean {
    return this.shapeOf(pod) >= 0;
  }

  /** Asks for a launch; the pod waits in line for a token if the bucket is empty. */
  submit(pod: number, now: number): void {
    const c = this.cluster;
    const s = this.shapeOf(pod);
    if (s < 0) {
      c.markUnschedulable(pod, now);
      return;
    }
    c.node[pod] = ON_SERVERLESS;
    this.active++;
    // First come, first served through both buckets: the measured scheduling rate, then the launch API.
    let launchAt = now;
    if (this.scheduling) launchAt = this.scheduling.pass(launchAt);
    if (this.launchBucket) launchAt = this.launchBucket.pass(launchAt);
    // Both buckets hold the pod back alike: its wait until launchAt is launch throttling.
    this.launch(pod, s, now, launchAt);
  }

  /**
   * The launch API call at `at` (asked for at `asked`; now or later, when its token comes): the sandbox starts, then the
   * image pull (billing starts), then the pod runs until it finishes. Every one of these times is
   * known now, so billing and Running are recorded in advance and the only event is the finish.
   */
  private launch(pod: number, shape: number, asked: number, at: number): void {
    const c = this.cluster;
    const pullStart = at + this.sandbox.sample();
    const rec = this.takeRecord();
    this.recPod[rec] = pod;
    this.recShape[rec] = shape;
    this.recPullStart[rec] = pullStart;
    this.recState[rec] = LIVE;
    if (this.recOf) this.recOf[pod] = rec;
    if (this.pullStartOf) this.pullStartOf[pod] = pullStart;
    this.startPaying(rec);
    const running = pullStart + this.imagePull.seconds(c.pods.cls[pod]);
    c.waits.launchServerless(pod, asked, at, pullStart, running);
    c.kernel.schedule(c.runFrom(pod, running, 2), this.kFinish, rec, PRIORITY.finish);
    this.onLaunched?.(pod, pullStart);
  }

  /** A free launch record (the last one freed, else a new one). */
  private takeRecord(): number {
    if (this.recFreeCount > 0) return this.recFree[--this.recFreeCount];
    const rec = this.recUsed++;
    if (rec === this.recPod.length) {
      const n = 2 * rec;
      this.recPod = widened(this.recPod, new Int32Array(n));
      this.recShape = widened(this.recShape, new Int32Array(n));
      this.recPullStart = widened(this.recPullStart, new Float64Array(n));
      this.recState = widened(this.recState, new Uint8Array(n));
      this.recFree = new Int32Array(n);
    }
    return rec;
  }

  private freeRecord(rec: number): void {
    this.recState[rec] = 0;
    this.recFree[this.recFreeCount++] = rec;
  }

  /**
   * The provider reclaims a preemptible pod now (the caller has stopped it): billing stops and it
   * leaves this service; the caller schedules it again.
   */
  reclaim(pod: number, now: number): void {
    const c = this.cluster;
    if (!this.recOf) throw new Error('Serverless.reclaim: call trackLaunches() before the run');
    const rec = this.recOf[pod];
    c.recorder.at(now);
    this.bill(rec, now);
    // Its finish event is stale now; the record is freed when that fires.
    this.recState[rec] = BILLED;
    this.active--;
    c.node[pod] = NOWHERE;
  }

  /** Starts paying for the launch's size and its request, from its image pull start. */
  private startPaying(rec: number): void {
    const r = this.cluster.recorder;
    r.at(this.recPullStart[rec]);
    r.addMix(this.shapeMix[this.recShape[rec]], 1);
  }

  /** The finish event of launch record `rec`. */
  private onFinished(rec: number): void {
    const c = this.cluster;
    const now = c.kernel.now;
    const pod = this.recPod[rec];
    // A reclaimed preemptible pod runs again with a later finish: this event is stale then (unless
    // the new run ends at this very time, as a session pod's fixed end does: then the pod
    // finishes now, as its own event would, and that event finds it done). Only ServerlessSpot
    // stops a pod here (its reclaim), and it tracks launches: without tracking, a live record's
    // event is its pod's end, and the check (three per-pod arrays read per finish, 6 MB at 1M
    // pods, a cache miss or two) is not needed.
    if (this.recOf === undefined ? this.recState[rec] === LIVE : c.finishesNow(pod, now) && c.node[pod] === ON_SERVERLESS) {
      const current = this.recState[rec] === LIVE ? rec : (this.recOf as Int32Array)[pod];
      c.state[pod] = POD.done;
      c.completed++;
      c.recorder.at(now);
      c.recorder.add(LEVEL.running, -1);
      this.bill(current, now);
      this.recState[current] = BILLED;
      this.active--;
    }
    if (this.recState[rec] === BILLED) this.freeRecord(rec);
  }

  /** Stops paying for launch record `rec` at `now` (the recorder's cursor is at `now`). */
  private bill(rec: number, now: number): void {
    const s = this.recShape[rec];
    const r = this.cluster.recorder;
    r.addMix(this.shapeMix[s], -1);
    const pullStart = this.recPullStart[rec];
    const used = now - pullStart;
    const billed = billedSeconds(used, this.config.billing.granularitySeconds, this.config.billing.minimumSeconds);
    // The part of the minimum or of the rounding that was paid for but not used.
    if (billed > used) r.lumpMix(this.shapePaidMix[s], billed - used);
    this.shapeBilled[s] += billed;
    this.onPodBilled?.(this.recPod[rec], pullStart, now, billed, this.shapeRate[s]);
  }

  /** Bills pods still billing at the end of the run as if they stopped then, in pod order. */
  finish(now: number): void {
    const c = this.cluster;
    const live: number[] = [];
    for (let rec = 0; rec < this.recUsed; rec++) {
      // Still billing at the end (pulling its image or running): billed up to now.
      if (this.recState[rec] === LIVE && this.recPullStart[rec] < now) live.push(rec);
    }
    live.sort((a, b) => this.recPod[a] - this.recPod[b]);
    for (const rec of live) {
      c.recorder.at(now);
      this.bill(rec, now);
      this.recState[rec] = BILLED;
    }
  }
}

/** `to` (a longer array of the same type) with `from` copied into its start. */
function widened<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
