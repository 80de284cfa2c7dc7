import type { Scenario } from '../scenario/scenario.ts';
import { hashString, Random } from '../sim/random.ts';
import { generateBatch } from './generators/batch.ts';
import { generateBurst } from './generators/burst.ts';
import { generateDiurnal } from './generators/diurnal.ts';
import { PodTableBuilder, type PodTable } from './podTable.ts';
import { WorkloadError } from './errors.ts';
import { inlineRowsTable, placeTrace } from './tracePlacement.ts';

export { WorkloadError };

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
  let afterHorizon = 0;
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
        const table = traces.get(source.name) ?? (source.rows ? inlineRowsTable(source.rows, `workload.${i}.rows`) : undefined);
        if (!table) throw new WorkloadError(`workload.${i}: trace "${source.name}" is not loaded; ${source.path ? `read ${source.path} first` : 'import its file'}`);
        const map = table.classNames.map((n) => out.classId(n));
        const placed = placeTrace(table, source, horizon, (k, arrival, duration) => out.add(arrival, duration, table.cpu[k], table.mem[k], map[table.cls[k]]));
        afterHorizon += placed.afterHorizon;
        break;
      }
    }
  });
  const pods = out.finish();
  if (afterHorizon > 0) pods.afterHorizon = afterHorizon;
  return pods;
}
