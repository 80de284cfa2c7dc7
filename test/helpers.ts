import type { ScenarioInput } from '../src/scenario/scenario.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
import { StrategyRun } from '../src/replay/strategyRun.ts';
import { buildWorkload } from '../src/workload/build.ts';

export const instant = { kind: 'constant', seconds: 0 } as const;
export const constant = (seconds: number) => ({ kind: 'constant', seconds }) as const;

/** A node pool's overhead of nothing (no reservations, no eviction threshold, no DaemonSet): pod room is exactly the node's capacity. */
export const noOverhead = { kubeReserved: { cpuMillicores: 0, memoryMiB: 0 }, evictionHardMemoryMiB: 0, daemonSet: { cpuMillicores: 0, memoryMiB: 0, pods: 0 } };

/** A 4 vCPU / 16 GiB node at $0.20 an hour that holds at most 10 pods. */
export const n4 = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };

/**
 * A node pool of n4 nodes with no overhead (pod room is exactly the node's capacity), a 2 s
 * sandbox and an 8 s image pull per pod, and nodes Ready 100 s after the autoscaler asks for
 * them; `extra` adds or overrides fields.
 */
export function plainPool(extra: object = {}) {
  return {
    instanceTypes: [n4],
    overhead: noOverhead,
    podStart: { sandbox: constant(2), imagePull: constant(8) },
    provisioningDelay: constant(100),
    ...extra,
  };
}

/**
 * A scenario from a partial description with the given strategies and inline trace rows. The rows
 * arrive at the times written: a trace's clock starts at its first arrival (TRACE_TIME_RULE), so
 * the source's offset puts that arrival back where it is written.
 */
export function scenarioWith(
  strategies: ScenarioInput['strategies'],
  rows: Array<[number, number, number, number, string?]>,
  extra: Partial<ScenarioInput> = {},
): Scenario {
  return parseScenario({
    schemaVersion: 1,
    name: 'test',
    horizon: 86400,
    workload: [{ type: 'trace', name: 'rows', offset: rows.length ? Math.min(...rows.map((r) => r[0])) : 0, rows: rows.map((r) => (r[4] === undefined ? r.slice(0, 4) : r)) }],
    strategies,
    ...extra,
  });
}

export function runStrategy(scenario: Scenario, index = 0): StrategyRun {
  return new StrategyRun(scenario, scenario.strategies[index], buildWorkload(scenario), index);
}
