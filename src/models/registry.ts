import type { Strategy } from '../scenario/strategy.ts';
import type { Cluster } from './cluster.ts';
import { ClusterAutoscaler } from './clusterAutoscaler.ts';
import { NodePool } from './nodePool.ts';
import { nodeShapes } from './nodeShape.ts';
import { resolveServerless } from './resolveServerless.ts';
import { Routing } from './routing.ts';
import { Serverless } from './serverless.ts';
import { Random } from '../sim/random.ts';

/** The models installed for one strategy. */
export interface InstalledModels {
  pool?: NodePool;
  autoscaler?: ClusterAutoscaler;
  serverless?: Serverless;
  routing: Routing;
  currency: string;
}

/**
 * The explicit list of what each strategy kind is made of. A model is a class that registers its
 * event handlers on the kernel when constructed; adding a kind means adding a line here.
 */
export function installModels(cluster: Cluster, strategy: Strategy, path: string): InstalledModels {
  let pool: NodePool | undefined;
  let autoscaler: ClusterAutoscaler | undefined;
  let serverless: Serverless | undefined;
  let currency = 'USD';
  if (strategy.kind === 'nodes' || strategy.kind === 'mixed') {
    const cfg = strategy.nodePool;
    pool = new NodePool(cluster, cfg, nodeShapes(cfg, `${path}.nodePool`));
    const initial = cfg.initialNodes ?? cfg.minNodes;
    for (let i = 0; i < initial; i++) pool.launch(0, 0, true);
    if (cfg.autoscaler && cfg.autoscaler.enabled) {
      autoscaler = new ClusterAutoscaler(cluster, pool, cfg.autoscaler, cfg.minNodes, cfg.maxNodes, new Random(cluster.rng.uint32(), 7));
    }
  }
  if (strategy.kind === 'serverless' || strategy.kind === 'mixed') {
    const resolved = resolveServerless(strategy.serverless);
    serverless = new Serverless(cluster, resolved);
    currency = resolved.currency;
  }
  const routing = new Routing(
    cluster,
    pool,
    serverless,
    strategy.kind === 'mixed' ? strategy.overflow : undefined,
    strategy.kind === 'mixed' ? strategy.classSelectors : [],
  );
  return { pool, autoscaler, serverless, routing, currency };
}
