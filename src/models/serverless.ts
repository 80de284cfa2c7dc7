import { LEVEL } from '../metrics/recorder.ts';
import { delaySampler } from '../sim/sampleDelay.ts';
import { stopPaying } from './billing.ts';
import { ON_SERVERLESS, POD, PRIORITY, type Cluster } from './cluster.ts';
import type { ResolvedServerless } from './resolveServerless.ts';
import { roundToSize } from './serverlessSizing.ts';

/** Slots of the request-shape memo in front of the size cache. */
const MEMO = 256;

/**
 * Pod-billed serverless containers (Fargate, ECI, Autopilot), one micro-VM per pod:
 * - launches pass a token bucket (burst, then perSecond), first come first served;
 * - a launched pod creates its sandbox, then pulls its image (never cached), then runs;
 * - billing runs from the start of the image pull to the end of the pod, on the request plus
 *   overhead rounded up to an allowed size, per second with the provider's minimum.
 */
export class Serverless {
  private readonly sandbox: () => number;
  private readonly imagePull: () => number;
  private readonly pricePerVcpuSecond: number;
  private readonly pricePerGiBSecond: number;
  /** Rounded size per pod request shape (memoized: rounding is a table walk). */
  private readonly sizeCache = new Map<number, number>();
  private readonly memoCpu = new Float64Array(MEMO).fill(NaN);
  private readonly memoMem = new Float64Array(MEMO);
  private readonly memoSize = new Int32Array(MEMO);
  private readonly sizeVcpu: number[] = [];
  private readonly sizeMem: number[] = [];
  /** Spend per second of each size. */
  private readonly sizeRate: number[] = [];
  /** Size index of each launched pod. */
  private readonly podSize: Int32Array;
  private readonly pullStart: Float64Array;

  /**
   * The launch token bucket as a GCRA (virtual scheduling): `tat` is the theoretical arrival time
   * of the next launch. With emission interval T = 1/perSecond and tolerance (burst - 1) * T, a
   * launch asked for at t happens at max(t, tat - tolerance), and tat moves to max(that, tat) + T.
   * First come, first served, exactly like a bucket of `burst` tokens refilled at perSecond, but
   * each pod's launch time is known when it asks, so no event is needed per token.
   */
  private tat = -Infinity;
  private readonly emission: number;
  private readonly tolerance: number;
  private tokenEventPending = false;

  cpuCost = 0;
  memCost = 0;
  /** Pods currently launched and not finished (for ResourcePolicy unit max). */
  active = 0;
  private readonly kFinish: number;

  constructor(
    private readonly cluster: Cluster,
    private readonly config: ResolvedServerless,
  ) {
    const rng = cluster.rng;
    this.sandbox = delaySampler(config.podStart.sandbox, rng);
    this.imagePull = delaySampler(config.podStart.imagePull, rng);
    this.pricePerVcpuSecond = config.pricePerVcpuHour / 3600;
    this.pricePerGiBSecond = config.pricePerGiBHour / 3600;
    this.emission = config.launchRate ? 1 / config.launchRate.perSecond : 0;
    this.tolerance = config.launchRate ? (config.launchRate.burst - 1) * this.emission : 0;
    this.podSize = new Int32Array(cluster.pods.count);
    this.pullStart = new Float64Array(cluster.pods.count).fill(NaN);
    const k = cluster.kernel;
    this.kFinish = k.on('podFinishedOnServerless', (pod) => this.onFinished(pod));
  }

  private sizeOf(pod: number): number {
    const p = this.cluster.pods;
    const cpu = p.cpu[pod];
    const mem = p.mem[pod];
    // A direct-mapped memo first: pods come in a few request shapes, and this avoids hashing.
    const m = (cpu * 7 + mem * 13) & (MEMO - 1);
    if (this.memoCpu[m] === cpu && this.memoMem[m] === mem) return this.memoSize[m];
    const key = cpu * 1e8 + mem;
    let s = this.sizeCache.get(key);
    if (s === undefined) {
      const size = roundToSize(this.config.sizing, p.cpu[pod], p.mem[pod], this.config.podOverheadMiB);
      s = size.vcpu > 0 ? this.sizeVcpu.length : -1;
      if (s >= 0) {
        this.sizeVcpu.push(size.vcpu);
        this.sizeMem.push(size.memoryGiB);
        this.sizeRate.push(size.vcpu * this.pricePerVcpuSecond + size.memoryGiB * this.pricePerGiBSecond);
      }
      this.sizeCache.set(key, s);
    }
    this.memoCpu[m] = cpu;
    this.memoMem[m] = mem;
    this.memoSize[m] = s;
    return s;
  }

  /** Can this pod run here at all (does its request fit an allowed size)? */
  fits(pod: number): boolean {
    return this.sizeOf(pod) >= 0;
  }

  /** Asks for a launch; the pod waits in line for a token if the bucket is empty. */
  submit(pod: number, now: number): void {
    const c = this.cluster;
    const s = this.sizeOf(pod);
    if (s < 0) {
      c.markUnschedulable(pod, now);
      return;
    }
    this.podSize[pod] = s;
    c.node[pod] = ON_SERVERLESS;
    this.active++;
    let launchAt = now;
    if (this.config.launchRate) {
      const earliest = this.tat - this.tolerance;
      if (earliest > launchAt) launchAt = earliest;
      this.tat = (launchAt > this.tat ? launchAt : this.tat) + this.emission;
    }
    this.launch(pod, launchAt);
  }

  /**
   * The launch API call at `at` (now or later, when its token comes): the sandbox starts, then the
   * image pull (billing starts), then the pod runs until it finishes. Every one of these times is
   * known now, so billing and Running are recorded in advance and the only event is the finish.
   */
  private launch(pod: number, at: number): void {
    const c = this.cluster;
    const pullStart = at + this.sandbox();
    this.pullStart[pod] = pullStart;
    this.startPaying(pod);
    c.runFrom(pod, pullStart + this.imagePull(), 2);
    c.kernel.schedule(c.finishAt[pod], this.kFinish, pod, PRIORITY.finish);
  }

  /** Starts paying for the pod's size and its request, from its image pull start. */
  private startPaying(pod: number): void {
    const c = this.cluster;
    const s = this.podSize[pod];
    const r = c.recorder;
    r.at(this.pullStart[pod]);
    r.add(LEVEL.serverless, 1);
    r.add(LEVEL.paidCpu, this.sizeVcpu[s]);
    r.add(LEVEL.paidMem, this.sizeMem[s]);
    r.add(LEVEL.requestedCpu, c.pods.cpu[pod] / 1000);
    r.add(LEVEL.requestedMem, c.pods.mem[pod] / 1024);
    r.add(LEVEL.costRate, this.sizeRate[s]);
  }

  private onFinished(pod: number): void {
    const c = this.cluster;
    const now = c.kernel.now;
    c.state[pod] = POD.done;
    c.completed++;
    c.recorder.at(now);
    c.recorder.add(LEVEL.running, -1);
    this.bill(pod, now);
    this.active--;
  }

  private bill(pod: number, now: number): void {
    const c = this.cluster;
    const s = this.podSize[pod];
    const vcpu = this.sizeVcpu[s];
    const mem = this.sizeMem[s];
    const r = c.recorder;
    r.at(now);
    r.add(LEVEL.serverless, -1);
    r.add(LEVEL.requestedCpu, -c.pods.cpu[pod] / 1000);
    r.add(LEVEL.requestedMem, -c.pods.mem[pod] / 1024);
    const billed = stopPaying(r, now, this.pullStart[pod], this.config.billing, vcpu, mem, this.sizeRate[s]);
    this.cpuCost += vcpu * this.pricePerVcpuSecond * billed;
    this.memCost += mem * this.pricePerGiBSecond * billed;
  }

  /** Bills pods still billing at the end of the run as if they stopped then. */
  finish(now: number): void {
    const c = this.cluster;
    for (let pod = 0; pod < c.pods.count; pod++) {
      if (c.node[pod] !== ON_SERVERLESS || !(this.pullStart[pod] < now) || c.state[pod] === POD.done) continue;
      // Still billing at the end (pulling its image or running): billed up to now.
      this.bill(pod, now);
    }
  }
}
