/**
 * The reference loop as a whole process (`npm run bench -- --whole-process` bundles and spawns it):
 * builds the bench workload of `argv[2]` pods, exactly as the CLI builds it from the bench
 * scenario, and runs the reference loop once; prints the pods, events and cost as JSON.
 */
import { referenceLoop } from './referenceLoop.ts';
import { benchScenario } from './scenario.ts';
import { buildWorkload } from '../src/workload/build.ts';

const table = buildWorkload(benchScenario(Number(process.argv[2] ?? 1_000_000)));
const r = referenceLoop(table);
console.log(JSON.stringify({ pods: table.count, events: r.events, cost: r.cost }));
