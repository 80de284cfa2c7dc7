import { describe, expect, it } from 'vitest';
import { importTraceText } from '../../src/trace/importer.ts';
import type { TraceMappingInput } from '../../src/trace/mapping.ts';
import { LARGEST_POD } from '../../src/trace/unitSanity.ts';

/** Imports `cpu,memory` pairs with the given units and returns the unit warnings. */
function warningsFor(sizes: [number, number][], cpuUnit: 'cores' | 'millicores', memoryUnit: 'MiB' | 'GiB' | 'bytes'): string[] {
  const mapping: TraceMappingInput = {
    kind: 'pods',
    start: { column: 'start', format: 'seconds' },
    duration: { column: 'duration', unit: 'seconds' },
    cpu: { column: 'cpu_request', unit: cpuUnit },
    memory: { column: 'memory_request', unit: memoryUnit },
  };
  const text = ['start,duration,cpu_request,memory_request', ...sizes.map(([c, m], i) => `${i},60,${c},${m}`)].join('\n');
  return importTraceText(text, mapping).report.unitWarnings ?? [];
}

describe('unit sanity warnings on an imported pod list', () => {
  it('knows the largest pod: ECI 64 vCPU / 512 GiB (bigger than any catalog node type)', () => {
    // From the ECI size table in src/pricing/serverlessPresets.ts: 64 vCPU with up to 512 GiB.
    expect(LARGEST_POD.cpu.millicores).toBe(64_000);
    expect(LARGEST_POD.memory.mib).toBe(512 * 1024);
  });

  it('warns when pods in cores are bigger than anything can hold, suggesting millicores', () => {
    const w = warningsFor([[100, 1], [250, 1], [500, 2]], 'cores', 'GiB');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^CPU column "cpu_request" \(cores\): 3 of 3 pods request more CPU than any node type or serverless size holds \(largest 64 vCPU, .*\); if the column is in millicores, set its unit to millicores$/);
  });

  it('warns when the median pod in millicores is under 10m, suggesting cores', () => {
    // Median of 2, 4, 8 millicores is 4m.
    const w = warningsFor([[2, 512], [4, 512], [8, 512]], 'millicores', 'MiB');
    expect(w).toEqual(['CPU column "cpu_request" (millicores): the median pod requests 4m CPU, under 10m; if the column is in cores, set its unit to cores']);
  });

  it('warns when the median pod in MiB is under 16 MiB, suggesting GiB; and huge GiB pods suggest MiB', () => {
    expect(warningsFor([[500, 4], [500, 8], [500, 12]], 'millicores', 'MiB')).toEqual([
      'memory column "memory_request" (MiB): the median pod requests 8 MiB memory, under 16 MiB; if the column is in GiB, set its unit to GiB',
    ]);
    expect(warningsFor([[1, 1024], [1, 2048]], 'cores', 'GiB')[0]).toMatch(/^memory column "memory_request" \(GiB\): 2 of 2 pods request more memory .*; if the column is in MiB, set its unit to MiB$/);
  });

  it('says nothing for real pods, or when the other unit would be no better (a few huge pods in millicores / MiB)', () => {
    expect(warningsFor([[250, 512], [500, 1024], [1000, 2048]], 'millicores', 'MiB')).toEqual([]);
    // openb-like: most pods ordinary, one 120-core and one 1 TiB pod; cores or bytes would make the median pod absurd.
    expect(warningsFor([[4000, 16384], [8000, 32768], [120000, 1048576]], 'millicores', 'MiB')).toEqual([]);
  });
});
