import { describe, expect, it } from 'vitest';
import { CONTROL_PLANE_FEES } from '../../src/pricing/controlPlane.ts';
import { PREEMPTION_DELAY_SOURCE } from '../../src/pricing/headroomDefaults.ts';
import { INSTANCE_TYPES, findInstanceType } from '../../src/pricing/instanceTypes.ts';
import { SERVERLESS_PRESETS } from '../../src/pricing/serverlessPresets.ts';
import { roundToSize } from '../../src/models/serverlessSizing.ts';
import { constant, runStrategy, scenarioWith } from '../helpers.ts';

const aci = SERVERLESS_PRESETS['azure-aci'];
const tencent = SERVERLESS_PRESETS['tencent-super-node'];
const cci = SERVERLESS_PRESETS['huawei-cci'];

describe('every preset figure says where it comes from', () => {
  const sources = [
    ...INSTANCE_TYPES.map((t) => [t.name, t.source] as const),
    ...Object.values(SERVERLESS_PRESETS).flatMap((p) => Object.entries(p.sources).map(([k, s]) => [`${p.id}.${k}`, s] as const)),
    ...Object.entries(CONTROL_PLANE_FEES).map(([k, f]) => [k, f.source] as const),
    ['headroom preemption delay', PREEMPTION_DELAY_SOURCE] as const,
  ];
  it.each(sources)('%s: a URL, a date and a confidence', (_, s) => {
    expect(s.url).toMatch(/^https:\/\//);
    expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['confirmed', 'secondary', 'estimate']).toContain(s.confidence);
  });
  it('each serverless preset sources its price, sizing, billing and start, and its launch rate when it has one', () => {
    for (const p of Object.values(SERVERLESS_PRESETS)) {
      expect(Object.keys(p.sources)).toEqual(expect.arrayContaining(['billing', 'podStart', 'price', 'sizing']));
      if (p.launchRate) expect(p.sources.launchRate).toBeDefined();
    }
  });
});

describe('Azure Container Instances through the AKS virtual node', () => {
  it('rounds DOWN to 10m CPU and 0.1 GB (10^8 bytes) of memory', () => {
    // 1 vCPU / 2 GiB: 2 x 2^30 = 2,147,483,648 bytes = 21.47 steps of 10^8 -> 2.1 GB = 2.1e9 / 2^30 GiB.
    const s = roundToSize(aci.sizing, 1000, 2048, 0);
    expect(s.vcpu).toBe(1);
    expect(s.memoryGiB).toBeCloseTo(2.1e9 / 2 ** 30, 12);
    // 255m -> 0.25 vCPU; 100 MiB = 104,857,600 bytes -> 0.1 GB.
    const small = roundToSize(aci.sizing, 255, 100, 0);
    expect(small.vcpu).toBe(0.25);
    expect(small.memoryGiB).toBeCloseTo(0.1e9 / 2 ** 30, 12);
    // Below the minimum: 5m and 10 MiB are sent as 0.01 vCPU and 0.1 GB.
    expect(roundToSize(aci.sizing, 5, 10, 0).vcpu).toBe(0.01);
  });
  it('a container group holds at most 4 vCPU and 16 GB', () => {
    expect(roundToSize(aci.sizing, 4010, 1024, 0).vcpu).toBe(0);
    // 16 GiB = 17.18 GB: more than 16 GB.
    expect(roundToSize(aci.sizing, 1000, 16 * 1024, 0).vcpu).toBe(0);
    expect(roundToSize(aci.sizing, 4000, 14 * 1024, 0).vcpu).toBe(4);
  });
  it('bills the rounded size per second with no minimum: 1 vCPU / 2 GiB for 600 s is 600 x (0.0000135 + 2.1 x 0.0000015)', () => {
    const s = scenarioWith(
      [{ kind: 'serverless', name: 'aci', controlPlanePerHour: 0, serverless: { preset: 'azure-aci', podStart: { sandbox: constant(5), imagePull: constant(10) } } }],
      [[0, 600, 1000, 2048]],
    );
    const r = runStrategy(s).result();
    // Billed from the start of the image pull (5 s) to the end of the run (5 + 10 + 600 s): 610 s.
    expect(r.cost.total).toBeCloseTo(610 * (0.0000135 + 2.1 * 0.0000015), 12);
  });
  it('launches at most 100 container groups at once, then 300 an hour (one every 12 s)', () => {
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 102; i++) rows.push([0, 60, 100, 128]);
    const s = scenarioWith([{ kind: 'serverless', name: 'aci', serverless: { preset: 'azure-aci', podStart: { sandbox: constant(0), imagePull: constant(0) } } }], rows);
    const r = runStrategy(s).result();
    // The 101st pod waits 3600 / 300 = 12 s for a token, the 102nd 24 s.
    expect(r.pendingSeconds.max).toBeCloseTo(24, 6);
  });
});

describe('spot on the new serverless presets', () => {
  it('is refused with the reason, naming the field (no preemptible preset for ACI, super nodes or CCI)', () => {
    expect(() => scenarioWith([{ kind: 'serverless', name: 's', serverless: { preset: 'azure-aci', spot: { discount: 0.7, interruptionsPerMonth: 0.05 } } }], [[0, 60, 100, 100]])).toThrow(
      /strategies\.0\.serverless\.spot: no preemptible preset for azure-aci/,
    );
  });
});

describe('Tencent super node and Huawei CCI pod specifications', () => {
  it('Tencent: 1 vCPU / 2 GiB is a spec; 3 vCPU / 5 GiB is upgraded to 4 vCPU / 8 GiB; 8 vCPU / 40 GiB to 12 vCPU / 40 GiB', () => {
    expect(roundToSize(tencent.sizing, 1000, 2048, 0)).toEqual({ vcpu: 1, memoryGiB: 2 });
    expect(roundToSize(tencent.sizing, 3000, 5 * 1024, 0)).toEqual({ vcpu: 4, memoryGiB: 8 });
    // The 8-core row stops at 32 GiB, so 40 GiB needs the 12-core row (24-48 GiB).
    expect(roundToSize(tencent.sizing, 8000, 40 * 1024, 0)).toEqual({ vcpu: 12, memoryGiB: 40 });
  });
  it('CCI: the documented upgrade, 6 vCPU / 15 GiB -> 8 vCPU / 16 GiB; 8 vCPU rows step by 4 GiB', () => {
    expect(roundToSize(cci.sizing, 6000, 15 * 1024, 0)).toEqual({ vcpu: 8, memoryGiB: 16 });
    expect(roundToSize(cci.sizing, 8000, 17 * 1024, 0)).toEqual({ vcpu: 8, memoryGiB: 20 });
    expect(roundToSize(cci.sizing, 500, 512, 0)).toEqual({ vcpu: 0.5, memoryGiB: 0.5 });
  });
});

describe('node types of the other platforms', () => {
  it('GKE Standard, AKS, TKE, CCE and on-premises shapes are in the catalog', () => {
    expect(findInstanceType('e2-standard-8')).toMatchObject({ vcpu: 8, memoryGiB: 32, pricePerHour: 0.26805, maxPods: 110, provider: 'gcp' });
    expect(findInstanceType('Standard_D8s_v5')).toMatchObject({ vcpu: 8, memoryGiB: 32, pricePerHour: 0.384, maxPods: 250, provider: 'azure' });
    expect(findInstanceType('S5.2XLARGE32')?.source.confidence).toBe('estimate');
    expect(findInstanceType('c7.2xlarge.4')?.source.confidence).toBe('estimate');
    expect(findInstanceType('onprem.32c128g')?.source.confidence).toBe('estimate');
  });
  it('GKE charges $0.10 per cluster-hour; AKS Standard $0.10', () => {
    expect(CONTROL_PLANE_FEES.gke.perHour).toBe(0.1);
    expect(CONTROL_PLANE_FEES['aks-standard'].perHour).toBe(0.1);
  });
});
