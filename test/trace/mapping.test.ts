import { describe, expect, it } from 'vitest';
import { TraceMapping } from '../../src/trace/mapping.ts';

describe('TraceMapping', () => {
  it('fills defaults and survives a JSON round trip', () => {
    const m = TraceMapping.parse({
      kind: 'rate',
      time: { column: 'timestamp_anon', format: 'seconds' },
      value: { column: 'value' },
      filter: { column: 'request_type', equals: 'Generative Requests' },
      capacityPerPod: 0.5,
      pod: { cpuMillicores: 4000, memoryMiB: 16384 },
      hpa: { maxReplicas: 40 },
    });
    expect(m).toMatchObject({ header: true, keepTimeOfDay: false, className: 'default', hpa: { minReplicas: 1, maxReplicas: 40, syncPeriod: 15, tolerance: 0.1, scaleDownStabilization: 300 } });
    expect(TraceMapping.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('accepts columns by name or position', () => {
    const m = TraceMapping.parse({
      kind: 'pods',
      header: false,
      start: { column: 0, format: 'seconds' },
      end: { column: 1, format: 'seconds' },
      cpu: { column: 2, unit: 'cores' },
      memory: { column: 'mem', unit: 'GiB' },
    });
    expect(m.kind === 'pods' && m.start.column).toBe(0);
  });

  it('rejects incomplete or contradictory mappings', () => {
    const base = { kind: 'pods', start: { column: 'a', format: 'seconds' }, defaultPod: { cpuMillicores: 1, memoryMiB: 1 } };
    expect(TraceMapping.safeParse(base).success).toBe(false); // neither end nor duration
    expect(TraceMapping.safeParse({ ...base, end: { column: 'b', format: 'seconds' }, duration: { column: 'c', unit: 'seconds' } }).success).toBe(false);
    expect(TraceMapping.safeParse({ ...base, duration: { column: 'c', unit: 'seconds' } }).success).toBe(true);
    expect(TraceMapping.safeParse({ ...base, defaultPod: undefined, duration: { column: 'c', unit: 'seconds' } }).success).toBe(false);
    expect(TraceMapping.safeParse({ ...base, duration: { column: 'c', unit: 'fortnights' } }).success).toBe(false);
    expect(
      TraceMapping.safeParse({ kind: 'rate', time: { column: 't', format: 'seconds' }, value: { column: 'v' }, capacityPerPod: 0, pod: { cpuMillicores: 1, memoryMiB: 1 } }).success,
    ).toBe(false);
    expect(
      TraceMapping.safeParse({ kind: 'rate', time: { column: 't', format: 'seconds' }, value: { column: 'v' }, capacityPerPod: 1, pod: { cpuMillicores: 1, memoryMiB: 1 }, hpa: { minReplicas: 5, maxReplicas: 2 } })
        .success,
    ).toBe(false);
  });
});

describe('periods that repeat a loop are at least 1 s (issue 18 item 1)', () => {
  const rate = {
    kind: 'rate',
    time: { column: 'timestamp', format: 'seconds' },
    value: { column: 'value' },
    capacityPerPod: 1,
    pod: { cpuMillicores: 500, memoryMiB: 512 },
  } as const;
  it('refuses an HPA sync or policy period, or a request-log interval, of 0 or 1e-9 s', () => {
    // The HPA syncs every syncPeriod over the whole series: 1e-9 s over a day is 8.6e13 syncs.
    for (const tiny of [0, 1e-9, 1e-300, 0.5]) {
      for (const hpa of [{ syncPeriod: tiny }, { policyPeriod: tiny }]) {
        const r = TraceMapping.safeParse({ ...rate, hpa });
        expect(r.success, JSON.stringify(hpa)).toBe(false);
        expect(r.error?.issues[0].message).toMatch(/at least 1 s/);
      }
      const r = TraceMapping.safeParse({ ...rate, kind: 'requests', value: undefined, interval: tiny });
      expect(r.success, `interval ${tiny}`).toBe(false);
      expect(r.error?.issues[0].message).toMatch(/at least 1 s/);
    }
    expect(TraceMapping.safeParse({ ...rate, hpa: { syncPeriod: 1, policyPeriod: 1 } }).success).toBe(true);
  });
});
