import type { StrategyResult } from './result.ts';
import { count } from './noteFormat.ts';

/**
 * One sentence for a node pool whose autoscaler gave up on nodes (the CLI prints it under its
 * table, the app under its verdict): "nodes launched" alone reads as capacity that came up, when
 * in a large burst most of it may never have existed, and the give-ups are what held the pods back
 * (each backs the node group off).
 */
export function provisioningNotes(s: StrategyResult): string[] {
  const { failedToRegister: failed, neverCreated, launched } = s.nodes;
  if (!(failed > 0)) return [];
  const created = failed - neverCreated;
  const split = [
    neverCreated > 0 ? `${count(neverCreated)} never created (their turn at the node group's launch rate or the cloud's instance bucket came too late)` : '',
    created > 0 ? `${count(created)} created but not Ready in time (billed until removed)` : '',
  ].filter(Boolean);
  return [
    `${s.name}: ${count(failed)} of the ${count(launched)} nodes asked for were given up, not Ready within max-node-provision-time: ` +
      `${split.join(' and ')}; their pods waited for a later scale-up (cluster-autoscaler backs the node group off after each: 5 min, doubling up to 30 min)`,
  ];
}
