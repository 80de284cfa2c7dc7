import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTraceText } from '../../src/trace/importer.ts';
import { requestRange, requestRangeText } from '../../src/trace/requestRange.ts';
import { summarizeTrace } from '../../src/trace/summary.ts';

describe('the requests of every pod an import read', () => {
  it('reads past the rows the unit guess saw (Alibaba DLRM 2025: sorted by role, small pods first)', () => {
    // The header and the first two rows are real (Alibaba cluster-trace-gpu-v2025
    // disaggregated_DLRM_trace.csv, github.com/alibaba/clusterdata, commit 7a6c496: CPU in vCPUs,
    // memory in GiB). The third is the file's largest pod shape (192 vCPUs, 1,000 GiB, both
    // present in the file), written at the end as a file sorted by size would.
    const text = [
      'instance_sn,role,app_name,cpu_request,cpu_limit,gpu_request,gpu_limit,rdma_request,rdma_limit,memory_request,memory_limit,disk_request,disk_limit,max_instance_per_node,creation_time,scheduled_time,deletion_time',
      'instance_7280,CN,app_22,64,64,0,0,1,1,320.0,320.0,544.0,640.0,-1,475.00000000000006,623.0,',
      'instance_7281,CN,app_88,64,64,0,0,1,1,320.0,320.0,255.0,300.0,-1,610.0,683.0,91730.0',
      'big,CN,app_9,192,192,0,0,1,1,1000.0,1000.0,255.0,300.0,-1,700.0,700.0,91730.0',
    ].join('\n');
    const result = importTraceText(text);
    const r = requestRange(result.table)!;
    // By hand: CPU 64, 64, 192 cores = 64,000 / 64,000 / 192,000 m; memory 320, 320, 1,000 GiB.
    expect(r).toEqual({ pods: 3, cpuMillicores: { min: 64_000, median: 64_000, max: 192_000 }, memoryMiB: { min: 320 * 1024, median: 320 * 1024, max: 1000 * 1024 } });
    expect(requestRangeText(r)).toBe('CPU 64 to 192 cores (median 64 cores), memory 320 to 1,000 GiB (median 320 GiB), over all 3 pods');
    expect(summarizeTrace(result).requests).toEqual(r);
  });

  it('says millicores and MiB below a core and a GiB, and "all" when every pod asks the same', () => {
    const { table } = importTraceText('arrival_s,duration_s,cpu_m,mem_mib\n0,10,250,512\n1,10,500,512\n2,10,2000,512\n');
    expect(requestRangeText(requestRange(table)!)).toBe('CPU 250m to 2 cores (median 500m), memory all 512 MiB, over all 3 pods');
  });

  it('gives the smallest, median and largest request of any table (fast-check seed 1204)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 10, max: 192_000 }), fc.integer({ min: 16, max: 1_048_576 })), { minLength: 1, maxLength: 300 }), (pods) => {
        const text = ['arrival_s,duration_s,cpu_m,mem_mib', ...pods.map(([c, m], i) => `${i},60,${c},${m}`)].join('\n');
        const r = requestRange(importTraceText(text).table)!;
        // Independently: sort and take the middle (the mean of the two middles for an even count).
        const median = (xs: number[]) => {
          const s = [...xs].sort((a, b) => a - b);
          const h = (s.length - 1) / 2;
          return (s[Math.floor(h)] + s[Math.ceil(h)]) / 2;
        };
        const cpu = pods.map((p) => p[0]);
        const mem = pods.map((p) => p[1]);
        expect(r.cpuMillicores).toEqual({ min: Math.min(...cpu), median: median(cpu), max: Math.max(...cpu) });
        expect(r.memoryMiB).toEqual({ min: Math.min(...mem), median: median(mem), max: Math.max(...mem) });
      }),
      { seed: 1204, numRuns: 100 },
    );
  });
});
