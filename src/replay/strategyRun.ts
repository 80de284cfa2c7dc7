import { Cluster, PRIORITY } from '../models/cluster.ts';
import { installModels, type InstalledModels } from '../models/registry.ts';
import { LEVEL, Recorder } from '../metrics/recorder.ts';
import { summarize } from './summarize.ts';
import type { StrategyResult } from '../metrics/result.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Strategy } from '../scenario/strategy.ts';
import type { PodTable } from '../workload/podTable.ts';
import { Kernel, type RunStatus } from '../sim/kernel.ts';
import { hashString, Random } from '../sim/random.ts';

/** Points per time series in a result (bounded whatever the horizon). */
export const SERIES_POINTS = 480;

/**
 * One strategy replaying one workload. Pods arrive through a single self-rescheduling arrival
 * event kept in a stream of the kernel, so the heap holds only in-flight work. `advance` runs a
 * bounded chunk (for progress and cancel in the worker); `result` finishes billing at the horizon and summarizes.
 */
export class StrategyRun {
  readonly kernel = new Kernel();
  readonly cluster: Cluster;
  readonly models: InstalledModels;
  private nextPod = 0;
  private readonly kArrival: number;
  private readonly arrivals: number;
  private finished?: StrategyResult;
  private billed = false;

  constructor(
    readonly scenario: Scenario,
    readonly strategy: Strategy,
    readonly pods: PodTable,
    readonly index: number,
  ) {
    // Every strategy sees the same random stream (common random numbers), so differences
    // between strategies come from the strategies, not from luck.
    const rng = new Random(scenario.seed, hashString('strategy'));
    this.cluster = new Cluster(this.kernel, pods, new Recorder(scenario.horizon, SERIES_POINTS), rng);
    this.models = installModels(this.cluster, strategy, `strategies.${index}`, scenario.seed);
    this.kArrival = this.kernel.on('podArrives', (pod) => this.arrive(pod));
    this.arrivals = this.kernel.openStream();
    this.scheduleArrival(0);
  }

  /** The arrival of pod `pod` next, if there is such a pod and it arrives before the horizon. */
  private scheduleArrival(pod: number): void {
    if (pod < this.pods.count && this.pods.arrival[pod] < this.scenario.horizon) {
      this.kernel.scheduleStream(this.arrivals, this.pods.arrival[pod], this.kArrival, pod, PRIORITY.arrival);
    }
  }

  private arrive(pod: number): void {
    const now = this.kernel.now;
    this.cluster.recorder.at(now);
    this.cluster.recorder.add(LEVEL.pending, 1);
    this.nextPod = pod + 1;
    this.scheduleArrival(this.nextPod);
    this.models.routing.arrive(pod, now);
  }

  /** Pods that have arrived so far. */
  get arrived(): number {
    return this.nextPod;
  }

  /** Runs up to maxSteps events (or to the horizon). */
  advance(maxSteps = Infinity): RunStatus {
    return this.kernel.run({ until: this.scenario.horizon, maxSteps });
  }

  /** Share of simulated time done, 0..1. */
  get progress(): number {
    return Math.min(1, this.kernel.now / this.scenario.horizon);
  }

  result(): StrategyResult {
    if (this.finished) return this.finished;
    this.finishAtHorizon();
    this.finished = summarize(this);
    return this.finished;
  }

  /** Runs to the horizon and finishes billing there, once; `result` (or a light summary) reads the run after. */
  finishAtHorizon(): this {
    if (this.billed) return this;
    this.billed = true;
    while (!this.advance().done);
    const h = this.scenario.horizon;
    const { pool, serverless } = this.models;
    pool?.finish(h);
    serverless?.finish(h);
    return this;
  }
}
