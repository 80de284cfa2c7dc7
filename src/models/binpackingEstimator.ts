import type { NodeShape } from './nodeShape.ts';

/**
 * cluster-autoscaler's binpacking estimator, on pod counts per request shape: fill one new node
 * greedily (largest shapes first), then repeat that same fill as many times as the counts allow.
 * `counts` is consumed. Returns how many nodes were used; stops after `maxNodes`.
 */
export function binpack(shape: NodeShape, cpu: readonly number[], mem: readonly number[], counts: number[], order: readonly number[], maxNodes = Infinity): number {
  let nodes = 0;
  const take = new Array<number>(counts.length).fill(0);
  while (nodes < maxNodes) {
    let freeCpu = shape.podCpu;
    let freeMem = shape.podMem;
    let freePods = shape.podSlots;
    let any = false;
    for (const g of order) {
      take[g] = 0;
      if (counts[g] <= 0 || freePods <= 0) continue;
      const k = Math.min(counts[g], Math.floor(freeCpu / cpu[g] + 1e-9), Math.floor(freeMem / mem[g] + 1e-9), freePods);
      if (k <= 0) continue;
      take[g] = k;
      freeCpu -= k * cpu[g];
      freeMem -= k * mem[g];
      freePods -= k;
      any = true;
    }
    if (!any) break;
    let repeat = maxNodes - nodes;
    for (const g of order) if (take[g] > 0) repeat = Math.min(repeat, Math.floor(counts[g] / take[g]));
    if (repeat < 1) repeat = 1;
    for (const g of order) if (take[g] > 0) counts[g] = Math.max(0, counts[g] - repeat * take[g]);
    nodes += repeat;
  }
  return nodes;
}
