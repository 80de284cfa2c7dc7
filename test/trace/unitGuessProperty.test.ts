import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTraceText } from '../../src/trace/importer.ts';

/**
 * The same pods written three ways, with no unit in any column name: CPU in cores and memory in
 * GiB (with decimals), CPU in millicores and memory in MiB, CPU as Kubernetes quantities ("2500m")
 * and memory in bytes. Unit detection must read all three as the same workload.
 */

const SEED = 20261204;

interface Pod {
  start: number;
  duration: number;
  /** Quarter cores, 1 to 128 (0.25 to 32 cores). */
  quarterCores: number;
  /** Half GiB, 1 to 256 (0.5 to 128 GiB). */
  halfGiB: number;
}

const podArb: fc.Arbitrary<Pod> = fc.record({
  start: fc.integer({ min: 0, max: 86_400 }),
  duration: fc.integer({ min: 1, max: 36_000 }),
  quarterCores: fc.integer({ min: 1, max: 128 }),
  halfGiB: fc.integer({ min: 1, max: 256 }),
});

function csv(pods: Pod[], cpu: (p: Pod) => string, memory: (p: Pod) => string): string {
  return ['start,duration,cpu_request,memory_request', ...pods.map((p) => `${p.start},${p.duration},${cpu(p)},${memory(p)}`)].join('\n');
}

describe('unit detection: one workload, three ways of writing it', () => {
  it(`reads cores/GiB, millicores/MiB and millicore quantities/bytes as the same pods (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.array(podArb, { minLength: 3, maxLength: 60 }), (pods) => {
        const files = {
          coresGiB: csv(pods, (p) => String(p.quarterCores / 4), (p) => (p.halfGiB / 2).toFixed(1)),
          milliMiB: csv(pods, (p) => String(p.quarterCores * 250), (p) => String(p.halfGiB * 512)),
          quantityBytes: csv(pods, (p) => `${p.quarterCores * 250}m`, (p) => String(p.halfGiB * 512 * 1024 * 1024)),
        };
        // Expected by hand from the generated sizes: millicores and MiB.
        const cpu = pods.map((p) => p.quarterCores * 250);
        const mem = pods.map((p) => p.halfGiB * 512);
        for (const [name, text] of Object.entries(files)) {
          const { table, report } = importTraceText(text, undefined, { fileName: `${name}.csv` });
          expect(report.accepted, name).toBe(pods.length);
          // The table is in arrival order; compare the multisets of (cpu, mem) pairs.
          const got = Array.from({ length: table.count }, (_, i) => `${Math.round(table.cpu[i])}/${Math.round(table.mem[i])}`).sort();
          const want = cpu.map((c, i) => `${c}/${mem[i]}`).sort();
          expect(got, name).toEqual(want);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
