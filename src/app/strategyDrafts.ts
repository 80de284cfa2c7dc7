/**
 * Strategy edits that change a strategy's shape: switching its kind, and the starting documents
 * for a new strategy or overflow policy. Parts the new kind still uses are kept.
 */
export type StrategyKind = 'nodes' | 'serverless' | 'mixed';

export const DEFAULT_NODE_POOL = { instanceTypes: ['m6i.xlarge'], minNodes: 0, maxNodes: 100 };
export const DEFAULT_SERVERLESS = { preset: 'aws-fargate' };

export function newStrategy(kind: StrategyKind, name: string): Record<string, unknown> {
  return changeStrategyKind({ name }, kind);
}

export function changeStrategyKind(strategy: Record<string, unknown>, kind: StrategyKind): Record<string, unknown> {
  const { nodePool, serverless, overflow, classSelectors, ...base } = strategy;
  const out: Record<string, unknown> = { ...base, kind };
  if (kind !== 'serverless') out.nodePool = nodePool ?? structuredClone(DEFAULT_NODE_POOL);
  if (kind !== 'nodes') out.serverless = serverless ?? structuredClone(DEFAULT_SERVERLESS);
  if (kind === 'mixed') {
    out.overflow = overflow ?? { policy: 'normalNodePrefer' };
    if (classSelectors !== undefined) out.classSelectors = classSelectors;
  }
  return out;
}

export function defaultOverflow(policy: 'normalNodePrefer' | 'resourcePolicy'): Record<string, unknown> {
  return policy === 'normalNodePrefer'
    ? { policy }
    : { policy, units: [{ resource: 'nodes' }, { resource: 'serverless' }], whenTryNextUnits: { policy: 'TimeoutOrExceedMax', timeout: '60s' } };
}
