import type { Scenario } from '../scenario/scenario.ts';
import { hashString, Random } from '../sim/random.ts';
import { generateBatch } from './generators/batch.ts';
import { generateBurst } from './generators/burst.ts';
import { generateDiurnal } from './generators/diurnal.ts';
import { PodTableBuilder, type PodTable } from './podTable.ts';

export class WorkloadError extends Error {}

/**
 * What the pods of a scenario depend on: equal keys, equal pods. Lets workers keep a workload
 * while only prices or delays change (what-if sliders). Null when the pods come from trace tables
 * loaded outside the scenario (by path or import), which the key cannot see.
 */
export function workloadKey(scenario: Scenario): string | null {
  if (scenario.workload.some((s) => s.type === 'trace' && !s.rows)) return null;
  return JSON.stringify([scenario.workload, scenario.horizon, scenario.seed]);
}

/**
 * Expands a scenario's workload sources into one pod table sorted by arrival. Each generator
 * draws from its own random stream (seed + its name), so adding a source does not change the
 * pods of the others. Traces given by path or import come in `traces`, keyed by source name.
 */
export function buildWorkload(scenario: Scenario, traces: ReadonlyMap<string, PodTable> = new Map()): PodTable {
  const out = new PodTableBuilder();
  out.classId('default');
  const horizon = scenario.horizon;
  scenario.workload.forEach((source, i) => {
    const rng = new Random(scenario.seed, hashString(`${i}:${source.name}`));
    switch (source.type) {
      case 'diurnal':
        generateDiurnal(source, horizon, out);
        break;
      case 'burst':
        generateBurst(source, horizon, rng, out);
        break;
      case 'batch':
        generateBatch(source, horizon, rng, out);
        break;
      case 'trace': {
        const table = traces.get(source.name);
        if (table) {
          const map = table.classNames.map((n) => out.classId(n));
          for (let k = 0; k < table.count; k++) {
            const a = table.arrival[k] + source.offset;
            if (a < horizon) out.add(a, table.duration[k], table.cpu[k], table.mem[k], map[table.cls[k]]);
          }
        } else if (source.rows) {
          source.rows.forEach((row, r) => {
            const [arrival, duration, cpu, mem] = row;
            const cls = row.length > 4 ? String(row[4]) : 'default';
            if (!(arrival >= 0) || !(duration > 0) || !(cpu > 0) || !(mem >= 0)) {
              throw new WorkloadError(`workload.${i}.rows.${r}: needs arrival >= 0, duration > 0, cpu > 0, memory >= 0; got ${JSON.stringify(row)}`);
            }
            const a = arrival + source.offset;
            if (a < horizon) out.add(a, duration, cpu, mem, out.classId(cls));
          });
        } else {
          throw new WorkloadError(`workload.${i}: trace "${source.name}" is not loaded; ${source.path ? `read ${source.path} first` : 'import its file'}`);
        }
        break;
      }
    }
  });
  return out.finish();
}
