import type { Strategy } from '../scenario/strategy.ts';
import type { Cluster } from './cluster.ts';
import { ClusterAutoscaler } from './clusterAutoscaler.ts';
import { Karpenter } from './karpenter.ts';
import { headroomWanted, NodePool } from './nodePool.ts';
import { nodeShapes } from './nodeShape.ts';
import { resolveServerless } from './resolveServerless.ts';
import { Routing } from './routing.ts';
import { Serverless } from './serverless.ts';
import { hashString, Random } from '../sim/random.ts';
import { Commitment } from './commitment.ts';
import { NodeSpotCapacity } from './spot.ts';
import { preemptiblePrices, ServerlessSpot } from './serverlessSpot.ts';
import { NodeShapeError } from './nodeShape.ts';
import { ScheduledMinimum } from './scheduledMinimum.ts';
import { PlaceholderSchedule } from './placeholderSchedule.ts';

/** The models installed for one strategy. */
export interface InstalledModels {
  pool?: NodePool;
  autoscaler?: ClusterAutoscaler;
  scheduledMinimum?: ScheduledMinimum;
  placeholderSchedule?: PlaceholderSchedule;
  karpenter?: Karpenter;
  serverless?: Serverless;
  routing: Routing;
  currency: string;
  spot?: NodeSpotCapacity;
  serverlessSpot?: ServerlessSpot;
  commitment?: Commitment;
}

/**
 * The explicit list of what each strategy kind is made of. A model is a class that registers its
 * event handlers on the kernel when constructed; adding a kind means adding a line here.
 */
export function installModels(cluster: Cluster, strategy: Strategy, path: string, seed = 0): InstalledModels {
  let pool: NodePool | undefined;
  let autoscaler: ClusterAutoscaler | undefined;
  let karpenter: Karpenter | undefined;
  let serverless: Serverless | undefined;
  let scheduledMinimum: ScheduledMinimum | undefined;
  let placeholderSchedule: PlaceholderSchedule | undefined;
  let currency = 'USD';
  let spot: NodeSpotCapacity | undefined;
  let serverlessSpot: ServerlessSpot | undefined;
  const commitment = strategy.commitment ? new Commitment(strategy.commitment, cluster.recorder.horizon) : undefined;
  if (strategy.kind === 'nodes' || strategy.kind === 'mixed') {
    const cfg = strategy.nodePool;
    const shapes = nodeShapes(cfg, `${path}.nodePool`);
    const h = cfg.headroom;
    if (h && headroomWanted(h) && !shapes.some((s) => h.pod.cpuMillicores <= s.podCpu && h.pod.memoryMiB <= s.podMem)) {
      throw new NodeShapeError(`${path}.nodePool.headroom.pod: a placeholder of ${h.pod.cpuMillicores}m CPU and ${h.pod.memoryMiB} MiB fits on no node of the pool, so it could never hold room`);
    }
    pool = new NodePool(cluster, cfg, shapes);
    // Before the first launch (initial nodes can be spot). Its own stream from the scenario seed, so
    // turning spot on leaves every other random draw (delays, expander) as it was.
    if (cfg.spot) spot = new NodeSpotCapacity(cluster, pool, cfg.spot, new Random(seed, hashString('spot nodes')));
    if (commitment) {
      const usage = commitment.nodes;
      const p = pool;
      // Spot and preemptible capacity is never eligible for a commitment.
      p.onNodeBilled = (slot, since, until, billed, perSecond) => {
        if (p.capacity?.isSpot(slot)) return;
        usage.addInterval(since, until, perSecond);
        if (billed > until - since) usage.addLump(until, (billed - (until - since)) * perSecond);
      };
    }
    const initial = cfg.initialNodes ?? cfg.minNodes;
    for (let i = 0; i < initial; i++) pool.launch(0, 0, true);
    if (cfg.karpenter) {
      karpenter = new Karpenter(cluster, pool, cfg.karpenter, cfg.minNodes, cfg.maxNodes, new Random(cluster.rng.uint32(), 7));
    } else if (cfg.autoscaler && cfg.autoscaler.enabled) {
      autoscaler = new ClusterAutoscaler(cluster, pool, cfg.autoscaler, cfg.minNodes, cfg.maxNodes, new Random(cluster.rng.uint32(), 7));
    }
    if (cfg.schedule && cfg.schedule.length > 0) scheduledMinimum = new ScheduledMinimum(cluster, pool, autoscaler, cfg);
    if (pool.headroom && cfg.headroom?.schedule && cfg.headroom.schedule.length > 0) placeholderSchedule = new PlaceholderSchedule(cluster, pool, cfg.headroom);
  }
  if (strategy.kind === 'serverless' || strategy.kind === 'mixed') {
    const cfg = strategy.serverless;
    let resolved = resolveServerless(cfg);
    // The schema rejects spot on presets without a preemptible preset (aws-fargate: Fargate Spot is ECS only).
    const spotPreset = cfg.spot && (cfg.preset === 'alibaba-eci' || cfg.preset === 'gke-autopilot') ? cfg.preset : undefined;
    if (cfg.spot && spotPreset) resolved = { ...resolved, ...preemptiblePrices(spotPreset, resolved, cfg.spot) };
    serverless = new Serverless(cluster, resolved);
    currency = resolved.currency;
    if (cfg.spot && spotPreset) serverlessSpot = new ServerlessSpot(cluster, serverless, spotPreset, cfg.spot, new Random(seed, hashString('preemptible pods')));
    const usage = commitment?.serverless;
    // Preemptible pods are never eligible for a commitment.
    if (usage && !serverlessSpot) {
      serverless.onPodBilled = (_pod, since, until, billed, perSecond) => {
        usage.addInterval(since, until, perSecond);
        if (billed > until - since) usage.addLump(until, (billed - (until - since)) * perSecond);
      };
    }
  }
  const routing = new Routing(
    cluster,
    pool,
    serverless,
    strategy.kind === 'mixed' ? strategy.overflow : undefined,
    strategy.kind === 'mixed' ? strategy.classSelectors : [],
  );
  if (spot) spot.reschedule = (pod, now) => routing.arrive(pod, now);
  if (serverlessSpot) serverlessSpot.reschedule = (pod, now) => routing.arrive(pod, now);
  return { pool, autoscaler, karpenter, scheduledMinimum, placeholderSchedule, serverless, routing, currency, spot, serverlessSpot, commitment };
}
