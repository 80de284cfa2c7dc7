import type { Scenario } from '../scenario/scenario.ts';
import { hashString, Random } from '../sim/random.ts';
import { generateBatch } from './generators/batch.ts';
import { generateBurst } from './generators/burst.ts';
import { generateDiurnal } from './generators/diurnal.ts';
import { PodTableBuilder, TooManyClassesError, type PodTable } from './podTable.ts';
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
 * Something about the pods a user should know though nothing is wrong enough to stop: pods of
 * zero duration (accepted everywhere: such a pod still needs a place, may wait for one and may
 * start a scale-up, then ends at once). One line each, naming the source.
 */
export type WorkloadNotice = string;

/**
 * Expands a scenario's workload sources into one pod table sorted by arrival. Each generator
 * draws from its own random stream (seed + its name), so adding a source does not change the
 * pods of the others. Traces given by path or import come in `traces`, keyed by source name
 * (their importer reports their own zero-duration rows). Notices go to `notices` when given.
 * `shared`: the table is built in SharedArrayBuffers (see `PodTableBuilder.finish`).
 */
export function buildWorkload(scenario: Scenario, traces: ReadonlyMap<string, PodTable> = new Map(), notices?: WorkloadNotice[], shared = false): PodTable {
  const out = new PodTableBuilder();
  out.classId('default');
  const horizon = scenario.horizon;
  let afterHorizon = 0;
  const zeroDuration = (i: number, name: string, count: number, why: string) => {
    if (count > 0) notices?.push(`workload.${i} "${name}": ${count.toLocaleString('en-US')} ${count === 1 ? 'pod has' : 'pods have'} zero duration (${why}); each is placed, then ends at once`);
  };
  // Image size per class, and the source that set it (pods of one class share one image).
  const imageSize = new Map<number, { size: number | undefined; source: number }>();
  const sizeClass = (cls: number, i: number): void => {
    const size = scenario.workload[i].imageSizeMiB;
    const had = imageSize.get(cls);
    if (had === undefined) return void imageSize.set(cls, { size, source: i });
    if (had.size !== size) {
      const name = out.classNames[cls];
      throw new WorkloadError(`workload.${i}.imageSizeMiB: "${scenario.workload[i].name}" has pods of class "${name}", which is also workload.${had.source}'s ("${scenario.workload[had.source].name}", ${had.size === undefined ? 'no image size' : `imageSizeMiB ${had.size}`}): pods of one class share one image; give the same size or rename the class`);
    }
  };
  const addSource = (source: Scenario['workload'][number], i: number): void => {
    const rng = new Random(scenario.seed, hashString(`${i}:${source.name}`));
    switch (source.type) {
      case 'diurnal':
        generateDiurnal(source, horizon, out);
        break;
      case 'burst':
        zeroDuration(i, source.name, generateBurst(source, horizon, rng, out), `joined after the session ended; sessionLength ${source.sessionLength} s`);
        break;
      case 'batch':
        zeroDuration(i, source.name, generateBatch(source, horizon, rng, out), 'runtime 0');
        break;
      case 'trace': {
        const loaded = traces.get(source.name);
        const table = loaded ?? (source.rows ? inlineRowsTable(source.rows, `workload.${i}.rows`) : undefined);
        if (!table) throw new WorkloadError(`workload.${i}: trace "${source.name}" is not loaded; ${source.path ? `read ${source.path} first` : 'import its file'}`);
        const map = table.classNames.map((n) => out.classId(n));
        const used = new Uint8Array(map.length);
        for (let k = 0; k < table.count; k++) used[table.cls[k]] = 1;
        map.forEach((cls, k) => used[k] && sizeClass(cls, i));
        let zero = 0;
        const placed = placeTrace(table, source, horizon, (k, arrival, duration) => {
          if (duration === 0) zero++;
          out.add(arrival, duration, table.cpu[k], table.mem[k], map[table.cls[k]]);
        });
        afterHorizon += placed.afterHorizon;
        // A file's importer has reported its own zero-duration rows; inline rows are reported here.
        if (!loaded) zeroDuration(i, source.name, zero, 'inline rows with duration 0');
        break;
      }
    }
  };
  scenario.workload.forEach((source, i) => {
    try {
      if (source.type !== 'trace') sizeClass(out.classId(source.class), i);
      addSource(source, i);
    } catch (e) {
      if (e instanceof TooManyClassesError) throw new WorkloadError(`workload.${i} "${source.name}": ${e.message}`);
      throw e;
    }
  });
  const pods = out.finish(shared);
  if (afterHorizon > 0) pods.afterHorizon = afterHorizon;
  if (scenario.workload.some((w) => w.imageSizeMiB !== undefined)) {
    const sizes = new Float64Array(pods.classNames.length).fill(NaN);
    for (const [cls, { size }] of imageSize) if (size !== undefined) sizes[cls] = size;
    pods.imageSizeMiB = sizes;
  }
  return pods;
}
