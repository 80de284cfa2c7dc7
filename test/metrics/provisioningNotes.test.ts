import { describe, expect, it } from 'vitest';
import { provisioningNotes } from '../../src/metrics/provisioningNotes.ts';
import type { StrategyResult } from '../../src/metrics/result.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { simulate } from '../../src/replay/simulate.ts';
import { loadScenarioFile } from '../../src/cli/loadScenarioFile.ts';

const withNodes = (nodes: StrategyResult['nodes']) => ({ name: 'EKS + CA', nodes }) as StrategyResult;

describe('provisioning notes: nodes the autoscaler gave up on are said, not left in the JSON', () => {
  it('says nothing when every node came up', () => {
    expect(provisioningNotes(withNodes({ peak: 10, launched: 12, failedToRegister: 0, neverCreated: 0, removed: 12 }))).toEqual([]);
  });

  it('splits the give-ups into never created and created too late', () => {
    const [note] = provisioningNotes(withNodes({ peak: 8311, launched: 93_424, failedToRegister: 61_340, neverCreated: 51_893, removed: 93_000 }));
    expect(note).toContain('EKS + CA: 61,340 of the 93,424 nodes asked for were given up, not Ready within max-node-provision-time');
    expect(note).toContain("51,893 never created (their turn at the node group's launch rate or the cloud's instance bucket came too late)");
    // 61,340 - 51,893 = 9,447 existed and were billed.
    expect(note).toContain('9,447 created but not Ready in time (billed until removed)');
  });

  it('names the give-ups of the built-in EKS scenario, where 1,700 nodes are asked for at 1.2 a second', () => {
    const { scenario, traces } = loadScenarioFile('scenarios/eks-pre-scale-before-the-bell.json');
    const ca = simulate(scenario, buildWorkload(scenario, traces)).strategies[0];
    expect(ca.nodes.failedToRegister).toBeGreaterThan(0);
    expect(provisioningNotes(ca)[0]).toMatch(/^EKS \+ cluster-autoscaler: [\d,]+ of the [\d,]+ nodes asked for were given up/);
  });
});
