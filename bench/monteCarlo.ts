/**
 * npm run bench -- --monte-carlo [--runs 20] [--repeat 3]
 *
 * Issue 16's target: N runs of the headline (`--runs N`, worker threads as the CLI uses them) take
 * at most 5x one run, in the same process. Times, in this one process: the first single run (cold:
 * the engine not yet compiled), the first N-run study (its worker threads new, so cold, as in a
 * fresh `npm run sim -- --runs N`), then `repeat` interleaved pairs of a warm single run and an
 * N-run study on the warm workers the earlier study gave back, each as `npm run sim` runs it
 * (single: default jobs; study: computeRunUnits with default jobs). Reports wall and CPU (user +
 * sys of the whole process, worker threads included) and the floor the cores set: the warm
 * study's CPU spread evenly over them, as a multiple of one warm run's wall.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { computeRunUnits, runsHead } from '../src/cli/monteCarlo.ts';
import { defaultJobs, simulateInParallel } from '../src/cli/parallelSimulate.ts';
import { parseScenarioText } from '../src/scenario/parse.ts';
import { buildWorkload } from '../src/workload/build.ts';

const HEADLINE = new URL('../scenarios/online-class-evening-burst.json', import.meta.url);

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

export async function benchMonteCarlo(runs: number, repeat: number): Promise<{ runs: number; cores: number; cold: Timing; coldStudy: Timing; single: Timing[]; study: Timing[] }> {
  const scenario = parseScenarioText(readFileSync(HEADLINE, 'utf8'), 'online-class-evening-burst.json');
  const one = async () => {
    const pods = buildWorkload(scenario);
    await simulateInParallel(scenario, pods, defaultJobs(scenario.strategies.length, pods.count));
  };
  const head = runsHead(scenario, runs);
  const indices = head.seeds.map((_, k) => k);
  const study = async () => {
    const pods = buildWorkload(scenario).count;
    await computeRunUnits(scenario, new Map(), head, indices, defaultJobs(scenario.strategies.length * runs, pods * runs));
  };
  const cold = await timed(one);
  const coldStudy = await timed(study);
  const single: Timing[] = [];
  const many: Timing[] = [];
  for (let i = 0; i < repeat; i++) {
    single.push(await timed(one));
    many.push(await timed(study));
  }
  return { runs, cores: availableParallelism(), cold, coldStudy, single, study: many };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function monteCarloReport(r: Awaited<ReturnType<typeof benchMonteCarlo>>): string {
  const w = median(r.single.map((t) => t.wallMs));
  const c = median(r.single.map((t) => t.cpuMs));
  const sw = median(r.study.map((t) => t.wallMs));
  const sc = median(r.study.map((t) => t.cpuMs));
  const f = (v: number) => Math.round(v).toLocaleString('en-US');
  return [
    `Monte Carlo, headline scenario, ${r.runs} runs vs one run in one process (median of ${r.study.length} interleaved pairs)`,
    `  first single run (cold):   wall ${f(r.cold.wallMs)} ms, CPU ${f(r.cold.cpuMs)} ms`,
    `  single run (warm):         wall ${f(w)} ms, CPU ${f(c)} ms   (each: ${r.single.map((t) => f(t.wallMs)).join(', ')})`,
    `  ${r.runs} runs, new workers (cold): wall ${f(r.coldStudy.wallMs)} ms, CPU ${f(r.coldStudy.cpuMs)} ms   (as a fresh npm run sim -- --runs ${r.runs})`,
    `  ${r.runs} runs, warm workers:  wall ${f(sw)} ms, CPU ${f(sc)} ms   (each: ${r.study.map((t) => f(t.wallMs)).join(', ')})`,
    `  ratio ${r.runs} runs / one run: wall ${(sw / w).toFixed(1)}x the warm run (warm workers), ${(r.coldStudy.wallMs / r.cold.wallMs).toFixed(1)}x cold study / cold run (target: at most 5x)`,
    `  floor on ${r.cores} cores: the warm study's CPU spread evenly over ${r.cores} cores = ${f(sc / r.cores)} ms = ${(sc / r.cores / w).toFixed(1)}x one warm run's wall (CPU per run: ${f(sc / r.runs)} ms in the study, ${f(c)} ms alone)`,
  ].join('\n');
}
