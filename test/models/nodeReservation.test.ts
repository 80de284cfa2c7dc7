import { describe, expect, it } from 'vitest';
import { nodeShapes } from '../../src/models/nodeShape.ts';
import { NodePool } from '../../src/scenario/strategy.ts';

const ds = { cpuMillicores: 0, memoryMiB: 0, pods: 0 };

describe('kube-reserved per provider', () => {
  it('ACK nodes get the ACK estimate, not the EKS AMI formula: ecs.g7.2xlarge (8 vCPU, 32 GiB)', () => {
    const [s] = nodeShapes(NodePool.parse({ instanceTypes: ['ecs.g7.2xlarge'], overhead: { daemonSet: ds } }));
    // CPU: 100 m for the first 4 cores + 2.5% of the other 4 (100 m) = 200 m.
    expect(s.allocatableCpu).toBe(8000 - 200);
    // Memory: 25% of 4 GiB + 20% of 4 GiB + 10% of 8 GiB + 6% of 16 GiB = 3.56 GiB; eviction 100 MiB.
    expect(s.allocatableMem).toBeCloseTo(32768 - 3.56 * 1024 - 100, 9);
  });

  it("ACK's CPU estimate gives its documented example exactly: 4 vCPU -> 3,900 m allocatable", () => {
    const [s] = nodeShapes(NodePool.parse({ instanceTypes: ['ecs.g7.xlarge'], overhead: { daemonSet: ds } }));
    expect(s.allocatableCpu).toBe(3900);
  });

  it("GKE nodes get GKE's formula: 4 vCPU / 16 GiB -> 80 m and 2.6 GiB reserved", () => {
    const shape = { name: 'e2-standard-4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.134, maxPods: 110 };
    const [s] = nodeShapes(NodePool.parse({ instanceTypes: [shape], provisioning: { preset: 'gke-gce' }, overhead: { daemonSet: ds } }));
    // CPU: 6% of core 1 + 1% of core 2 + 0.5% of cores 3-4 = 60 + 10 + 5 + 5 m.
    expect(s.allocatableCpu).toBe(4000 - 80);
    // Memory: 25% of 4 GiB + 20% of 4 GiB + 10% of 8 GiB = 2.6 GiB, plus the 100 MiB eviction threshold.
    expect(s.allocatableMem).toBeCloseTo(16384 - 2.6 * 1024 - 100, 9);
  });

  it('EKS nodes keep the EKS AMI formula: m6i.xlarge (4 vCPU, 58 pods) -> 80 m and 11 x 58 + 255 MiB', () => {
    const [s] = nodeShapes(NodePool.parse({ instanceTypes: ['m6i.xlarge'], overhead: { daemonSet: ds } }));
    expect(s.allocatableCpu).toBe(4000 - 80);
    expect(s.allocatableMem).toBe(16384 - (11 * 58 + 255) - 100);
  });
});
