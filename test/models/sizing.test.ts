import { describe, expect, it } from 'vitest';
import { SERVERLESS_PRESETS } from '../../src/pricing/serverlessPresets.ts';
import { roundToSize } from '../../src/models/serverlessSizing.ts';
import { billedSeconds } from '../../src/models/billing.ts';
import { eksKubeReservedCpu, eksKubeReservedMemory } from '../../src/models/nodeShape.ts';

const fargate = SERVERLESS_PRESETS['aws-fargate'];
const eci = SERVERLESS_PRESETS['alibaba-eci'];

describe('serverless size rounding', () => {
  it('EKS Fargate: 1 vCPU + 8 GB plus 256 MB overhead provisions 2 vCPU / 9 GB (the EKS user guide example)', () => {
    expect(roundToSize(fargate.sizing, 1000, 8 * 1024, 256)).toEqual({ vcpu: 2, memoryGiB: 9 });
  });
  it('EKS Fargate: 250m / 512 MiB plus 256 MiB is 0.25 vCPU / 1 GB', () => {
    expect(roundToSize(fargate.sizing, 250, 512, 256)).toEqual({ vcpu: 0.25, memoryGiB: 1 });
  });
  it('EKS Fargate: 0.3 vCPU needs the 0.5 vCPU row, whose smallest memory is 1 GB', () => {
    expect(roundToSize(fargate.sizing, 300, 256, 256)).toEqual({ vcpu: 0.5, memoryGiB: 1 });
  });
  it('EKS Fargate: 8 vCPU rows step by 4 GB, so 8 vCPU / 17 GB becomes 8 vCPU / 20 GB', () => {
    expect(roundToSize(fargate.sizing, 8000, 17 * 1024 - 256, 256)).toEqual({ vcpu: 8, memoryGiB: 20 });
  });
  it('EKS Fargate: a request beyond 16 vCPU / 120 GB fits no size', () => {
    expect(roundToSize(fargate.sizing, 17000, 1024, 256).vcpu).toBe(0);
    expect(roundToSize(fargate.sizing, 1000, 121 * 1024, 256).vcpu).toBe(0);
  });
  it('ECI: 7 vCPU / 13 GiB rounds up to 8 vCPU / 16 GiB with the all-regions spec table', () => {
    expect(roundToSize(eci.sizing, 7000, 13 * 1024, 0)).toEqual({ vcpu: 8, memoryGiB: 16 });
  });
  it('ECI: 1 vCPU / 2 GiB is a spec of its own', () => {
    expect(roundToSize(eci.sizing, 1000, 2048, 0)).toEqual({ vcpu: 1, memoryGiB: 2 });
  });
  it('GKE Autopilot: CPU in 0.25 steps, memory at least 1 GiB per vCPU, at most 6.5', () => {
    expect(roundToSize({ kind: 'autopilot' }, 300, 512, 0)).toEqual({ vcpu: 0.5, memoryGiB: 0.5 });
    expect(roundToSize({ kind: 'autopilot' }, 2000, 1024, 0)).toEqual({ vcpu: 2, memoryGiB: 2 });
    // 13 GiB needs 2 vCPU at 6.5 GiB per vCPU.
    expect(roundToSize({ kind: 'autopilot' }, 250, 13 * 1024, 0)).toEqual({ vcpu: 2, memoryGiB: 13 });
  });
});

describe('billedSeconds', () => {
  it('applies the minimum to short runs', () => {
    expect(billedSeconds(12.3, 1, 60)).toBe(60);
  });
  it('rounds up to whole seconds', () => {
    expect(billedSeconds(61.2, 1, 60)).toBe(62);
    expect(billedSeconds(3600, 1, 60)).toBe(3600);
  });
  it('rounds up to whole hours with hourly granularity', () => {
    expect(billedSeconds(3601, 3600, 0)).toBe(7200);
  });
  it('does not charge an extra second for float noise', () => {
    expect(billedSeconds(0.1 + 0.2 + 59.7, 1, 0)).toBe(60);
  });
});

describe('EKS AMI reservations (bootstrap.sh)', () => {
  it('reserves 70m, 80m, 90m and 110m CPU for 2, 4, 8 and 16 vCPU', () => {
    // 6% of 1000m + 1% of 1000m = 70; + 0.5% of 2 cores = 80; + 0.25% of 4 cores = 90; + 0.25% of 8 more = 110.
    expect([2, 4, 8, 16].map(eksKubeReservedCpu)).toEqual([70, 80, 90, 110]);
  });
  it('reserves 11 MiB per pod plus 255 MiB of memory (m5.large, 29 pods: 574 MiB)', () => {
    expect(eksKubeReservedMemory(29)).toBe(574);
    expect(eksKubeReservedMemory(234)).toBe(2829);
  });
});
