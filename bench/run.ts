/**
 * npm run bench [-- --sizes 10k,100k,1m] [--kinds nodes,serverless,mixed,karpenter,full-pool,nodes-one-delay,mixed-one-delay] [--scaling] [--no-csv] [--json] [--in-process]
 *
 * Replays a generated week of pods (bench/scenario.ts) on each strategy kind and reports wall time,
 * events, events/s, pods/s and peak memory, next to a minimal reference loop (bench/referenceLoop.ts)
 * timed on the same pod table in the same process as the serverless replay. See bench/README.md.
 *
 * Each (size, strategy) replay runs in its own child process (node --import tsx) so its peak
 * memory is its own: in one process the resident set only grows, and the second strategy would be
 * charged for the first one's heap. --in-process runs everything in this process instead (handy
 * under --cpu-prof).
 */
import { spawnSync } from 'node:child_process';
import { median as d3Median } from 'd3-array';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BENCH_KINDS, DEFAULT_KINDS, STRATEGY_KINDS, parseSize, sizeLabel, type BenchKind } from './scenario.ts';
import { makeWorkload, measureAllAtOnce, measureReference, measureStrategy, type AllAtOnceMeasure, type ReferenceMeasure, type StrategyMeasure } from './measure.ts';
import { csvRoundTrip, type CsvMeasure } from './csv.ts';
import { measureQuantiles } from './quantiles.ts';
import { measureStartup } from './startup.ts';

interface ChildReport {
  size: number;
  pods: number;
  buildMs: number;
  reference?: ReferenceMeasure;
  strategy?: StrategyMeasure;
  csv?: CsvMeasure;
  allAtOnce?: AllAtOnceMeasure;
  /** Highest resident set of the whole child process (getrusage), MiB. */
  maxRssMiB: number;
}

const MARK = '@@bench ';
const MiB = 1024 * 1024;

function flag(args: string[], name: string): boolean {
  return args.includes(name);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  const eq = args.find((a) => a.startsWith(name + '='));
  return eq?.slice(name.length + 1);
}

/** One measurement in this process: build the workload, then the reference, a strategy or the CSV round trip. */
interface Work {
  kind?: BenchKind;
  reference?: boolean;
  csv?: boolean;
  /** All three kinds at once on this many threads (this one and workers). */
  threads?: number;
}

async function measureHere(size: number, what: Work): Promise<ChildReport> {
  const w = makeWorkload(size);
  const report: ChildReport = { size, pods: w.pods.count, buildMs: w.buildMs, maxRssMiB: 0 };
  if (what.reference) report.reference = measureReference(w.pods);
  if (what.kind) report.strategy = measureStrategy(size, w.pods, what.kind);
  if (what.csv) report.csv = await csvRoundTrip(w.pods);
  if (what.threads) report.allAtOnce = await measureAllAtOnce(size, w.pods, what.threads);
  report.maxRssMiB = (process.resourceUsage().maxRSS * 1024) / MiB;
  return report;
}

async function runChild(size: number, what: Work): Promise<ChildReport> {
  const script = fileURLToPath(import.meta.url);
  // --expose-gc: the child collects the workload build's garbage before it starts the clock.
  const args = ['--expose-gc', '--import', 'tsx', script, '--child', '--size', String(size)];
  if (what.kind) args.push('--kind', what.kind);
  if (what.reference) args.push('--reference');
  if (what.csv) args.push('--csv-child');
  if (what.threads) args.push('--threads', String(what.threads));
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MiB });
  if (r.status !== 0) throw new Error(`bench child (${sizeLabel(size)} ${what.kind ?? ''}) failed with status ${r.status}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`bench child (${sizeLabel(size)} ${what.kind ?? ''}) printed no report`);
  return JSON.parse(line.slice(MARK.length)) as ChildReport;
}

// ---- formatting ------------------------------------------------------------------------------

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const millions = (x: number) => (x / 1e6).toFixed(2) + 'M';
const ms = (x: number) => int(x);

// ---- main ------------------------------------------------------------------------------------

interface Row {
  size: number;
  pods: number;
  buildMs: number;
  kind: BenchKind | 'reference';
  wallMs: number;
  cpuMs: number;
  /** CPU ms of threads other than the JavaScript thread (V8's compiler, mostly), Linux only. */
  otherThreadsCpuMs?: number;
  events: number;
  eventsPerSecond: number;
  podsPerSecond: number;
  peakRssMiB?: number;
  peakHeapMiB?: number;
  maxRssMiB?: number;
  summary?: StrategyMeasure['summary'];
  /** Wall ms of every repeat (the row's other figures are from the median one). */
  runsMs: number[];
}

/** The run with the median wall time (the lower middle one for an even count). */
function medianRun<T extends { wallMs: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[(runs.length - 1) >> 1];
}

/** The middle value (the mean of the middle two for an even count), as d3-array computes it. */
function median(xs: number[]): number {
  return d3Median(xs) ?? Number.NaN;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (flag(args, '--child')) {
    const size = Number(option(args, '--size'));
    const kind = option(args, '--kind') as BenchKind | undefined;
    const threads = option(args, '--threads');
    const report = await measureHere(size, { kind, reference: flag(args, '--reference'), csv: flag(args, '--csv-child'), threads: threads ? Number(threads) : undefined });
    process.stdout.write(MARK + JSON.stringify(report) + '\n');
    return;
  }
  if (flag(args, '--help') || flag(args, '-h')) {
    console.log('usage: npm run bench -- [--sizes 10k,100k,1m] [--kinds nodes,serverless,mixed,karpenter,full-pool,nodes-one-delay,mixed-one-delay] [--repeat 3] [--scaling] [--no-csv] [--json] [--in-process]\n       npm run bench -- --startup [--repeat 7] [--json]   (CLI start-up: built vs tsx vs npm run sim)\n       npm run bench -- --quantiles [--repeat 5]   (1M-value quantiles: Spillway vs d3-array)\n       npm run bench -- --monte-carlo [--runs 20] [--repeat 3] [--json]   (headline: N runs vs one run, one process)\n       npm run bench -- --whole-process [--sizes 1m] [--repeat 5] [--json]   (three strategies vs the reference loop, whole processes)\n       npm run bench -- --ab [--rounds 6] [--sizes 1m] REF:CASE REF:CASE ...   (alternating A/B rounds between commits; . is the working tree)');
    return;
  }
  if (flag(args, '--monte-carlo')) {
    const { benchMonteCarlo, monteCarloReport } = await import('./monteCarlo.ts');
    const r = await benchMonteCarlo(Number(option(args, '--runs') ?? 20), Number(option(args, '--repeat') ?? 3));
    console.log(flag(args, '--json') ? JSON.stringify(r, null, 2) : monteCarloReport(r));
    return;
  }
  if (flag(args, '--startup')) {
    const repeat = Number(option(args, '--repeat') ?? 7);
    const { rows, sameOutput } = measureStartup(repeat);
    if (flag(args, '--json')) console.log(JSON.stringify({ node: process.version, cpus: cpuModel(), repeat, rows, sameOutput }, null, 2));
    else {
      console.log(`\nCLI start-up, whole process, tiny scenario: ${cpuModel()}, Node ${process.version}, median of ${repeat}\n`);
      console.log(table(['command', 'median ms', 'min-max ms'], rows.map((r) => [r.command, ms(r.medianMs), `${ms(r.minMs)}-${ms(r.maxMs)}`])));
      console.log(`\nsame JSON from the built CLI, tsx and npm run sim: ${sameOutput ? 'yes' : 'NO'}`);
    }
    return;
  }
  if (flag(args, '--whole-process')) {
    const { measureWholeProcess } = await import('./wholeProcess.ts');
    const repeat = Number(option(args, '--repeat') ?? 5);
    const pods = parseSize(option(args, '--sizes') ?? '1m');
    const r = await measureWholeProcess(pods, repeat);
    const [ref, cli] = r.rows;
    if (flag(args, '--json')) console.log(JSON.stringify({ node: process.version, cpus: cpuModel(), pods, repeat, ...r }, null, 2));
    else {
      console.log(`\nWhole processes, ${sizeLabel(pods)} pods, 7 days: ${cpuModel()}, Node ${process.version}, median of ${repeat}\n`);
      console.log(table(['command', 'wall ms', 'CPU ms (user+sys)'], r.rows.map((row) => [row.command, ms(median(row.wallMs)), ms(median(row.cpuMs))])));
      console.log(`\nthree strategies / reference loop: wall ${(median(cli.wallMs) / median(ref.wallMs)).toFixed(2)}x, CPU ${(median(cli.cpuMs) / median(ref.cpuMs)).toFixed(2)}x (issue 17's target: at most 2.5x)`);
      console.log(`costs: ${r.strategyCosts.map((c) => `$${Math.round(c).toLocaleString('en-US')}`).join(', ')}; reference loop $${Math.round(r.referenceCost).toLocaleString('en-US')}`);
    }
    return;
  }
  if (flag(args, '--ab')) {
    const { measureAb, parseArm, resolveRef } = await import('./ab.ts');
    const valued = new Set(['--rounds', '--sizes']);
    const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
    if (positional.length < 2) throw new Error('--ab needs at least two arms, REF:CASE each (for example: --ab c857ba1:nodes .:nodes)');
    const arms = positional.map(parseArm).map((a) => ({ ...a, ref: resolveRef(a.ref) }));
    const rounds = Number(option(args, '--rounds') ?? 6);
    const size = option(args, '--sizes') ?? '1m';
    console.log(`\nA/B: ${rounds} alternating rounds, ${size} pods, one process per run: ${cpuModel()}, Node ${process.version}\n`);
    const results = await measureAb(arms, rounds, size, (line) => console.log(line));
    const first = median(results[0].ratios);
    console.log('');
    console.log(
      table(
        ['build', 'case', 'ratio to reference (median)', 'vs first arm', 'ratios', 'replay cpu ms (median)', 'other threads ms (median)'],
        results.map((r) => {
          const other = r.otherThreadsMs.filter((x): x is number => x !== null);
          return [r.ref === '.' ? '. (working tree)' : r.ref, r.kind, median(r.ratios).toFixed(2), `${median(r.ratios) >= first ? '+' : ''}${((median(r.ratios) / first - 1) * 100).toFixed(0)}%`, r.ratios.map((x) => x.toFixed(2)).join(' '), ms(median(r.cpuMs)), other.length ? ms(median(other)) : '-'];
        }),
      ),
    );
    return;
  }
  if (flag(args, '--quantiles')) {
    const repeat = Number(option(args, '--repeat') ?? 5);
    const { rows, agree } = measureQuantiles(repeat);
    console.log(`\n204 quantiles of 1M pending times: ${cpuModel()}, Node ${process.version}, median of ${repeat}\n`);
    console.log(table(['method', 'median ms'], rows.map((r) => [r.method, ms(r.medianMs)])));
    console.log(`\nsame values from all methods: ${agree ? 'yes' : 'NO'}`);
    return;
  }
  const scaling = flag(args, '--scaling');
  const json = flag(args, '--json');
  const inProcess = flag(args, '--in-process');
  const sizes = (option(args, '--sizes') ?? (scaling ? '10k,100k,1m' : '100k,1m')).split(',').map(parseSize);
  const kinds = (option(args, '--kinds') ?? DEFAULT_KINDS.join(',')).split(',') as BenchKind[];
  for (const k of kinds) if (!BENCH_KINDS.includes(k)) throw new Error(`unknown bench case "${k}" (one of ${BENCH_KINDS.join(', ')})`);
  const withCsv = !flag(args, '--no-csv');
  const repeat = Number(option(args, '--repeat') ?? 3);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a whole number of at least 1, not "${option(args, '--repeat')}"`);
  const measure = inProcess ? measureHere : runChild;

  const t0 = performance.now();
  const rows: Row[] = [];
  const allAtOnce: (AllAtOnceMeasure & { size: number; runsMs: number[]; maxRssMiB?: number; sameResults: boolean })[] = [];
  /** Per size: serverless events/s over the reference's in the same child, one per repeat. */
  const pairRatios = new Map<number, number[]>();
  const csvRows: { size: number; csv: CsvMeasure; maxRssMiB: number }[] = [];
  const log = (s: string) => {
    if (!json) process.stderr.write(s);
  };
  for (const size of sizes) {
    for (const kind of kinds) {
      log(`  ${sizeLabel(size)} ${kind}...`);
      // The reference runs in the serverless child, on the same pod table, just before the replay.
      const withReference = kind === 'serverless' || (kinds.length > 0 && !kinds.includes('serverless') && kind === kinds[0]);
      const reps: ChildReport[] = [];
      for (let i = 0; i < repeat; i++) {
        const rep = await measure(size, { kind, reference: withReference });
        reps.push(rep);
        log(` ${ms((rep.strategy as StrategyMeasure).wallMs)}`);
      }
      log(' ms\n');
      if (withReference) {
        const refs = reps.map((rep) => ({ rep, ...(rep.reference as ReferenceMeasure) }));
        const m = medianRun(refs);
        rows.push({ size, pods: m.rep.pods, buildMs: m.rep.buildMs, kind: 'reference', wallMs: m.wallMs, cpuMs: m.cpuMs, otherThreadsCpuMs: m.threads?.otherMs, events: m.events, eventsPerSecond: m.eventsPerSecond, podsPerSecond: m.rep.pods / (m.wallMs / 1000), runsMs: refs.map((r) => r.wallMs) });
        if (kind === 'serverless') pairRatios.set(size, reps.map((rep) => (rep.strategy as StrategyMeasure).eventsPerSecond / (rep.reference as ReferenceMeasure).eventsPerSecond));
      }
      const runs = reps.map((rep) => ({ rep, ...(rep.strategy as StrategyMeasure) }));
      const s = medianRun(runs);
      rows.push({ size, pods: s.rep.pods, buildMs: s.rep.buildMs, kind, wallMs: s.wallMs, cpuMs: s.cpuMs, otherThreadsCpuMs: s.threads?.otherMs, events: s.events, eventsPerSecond: s.eventsPerSecond, podsPerSecond: s.podsPerSecond, peakRssMiB: s.peakRssMiB, peakHeapMiB: s.peakHeapMiB, maxRssMiB: inProcess ? undefined : s.rep.maxRssMiB, summary: s.summary, runsMs: runs.map((r) => r.wallMs) });
    }
    if (STRATEGY_KINDS.every((k) => kinds.includes(k))) {
      // The whole scenario the way `npm run sim` runs it: one workload, the strategies on this thread and worker threads.
      const threads = Math.min(STRATEGY_KINDS.length, availableParallelism());
      log(`  ${sizeLabel(size)} all ${STRATEGY_KINDS.length} at once on ${threads} threads...`);
      const reps: { m: AllAtOnceMeasure; maxRssMiB: number }[] = [];
      for (let i = 0; i < repeat; i++) {
        const rep = await measure(size, { threads });
        reps.push({ m: rep.allAtOnce as AllAtOnceMeasure, maxRssMiB: rep.maxRssMiB });
        log(` ${ms(rep.allAtOnce!.wallMs)}`);
      }
      log(' ms\n');
      const mid = medianRun(reps.map((r) => ({ ...r, wallMs: r.m.wallMs })));
      const separate = STRATEGY_KINDS.map((k) => rows.find((r) => r.size === size && r.kind === k)?.summary?.cost);
      allAtOnce.push({ size, ...mid.m, runsMs: reps.map((r) => r.m.wallMs), maxRssMiB: inProcess ? undefined : Math.max(...reps.map((r) => r.maxRssMiB)), sameResults: mid.m.costs.every((c, i) => c === separate[i]) });
    }
    if (withCsv) {
      log(`  ${sizeLabel(size)} csv round trip...`);
      const rep = await measure(size, { csv: true });
      log(rep.csv?.parseMs !== undefined ? ` ${ms(rep.csv.writeMs + rep.csv.parseMs)} ms\n` : ' (no parser)\n');
      if (rep.csv) csvRows.push({ size, csv: rep.csv, maxRssMiB: rep.maxRssMiB });
    }
  }
  const benchSeconds = (performance.now() - t0) / 1000;

  // Ratio of our serverless replay's events/s to the reference loop's, per size: the median over
  // the repeats of the ratio within one child (both on the same pod table, one after the other).
  const ratios = sizes.flatMap((size) => {
    const ref = rows.find((r) => r.size === size && r.kind === 'reference');
    const sv = rows.find((r) => r.size === size && r.kind === 'serverless');
    const pairs = pairRatios.get(size) ?? [];
    return ref && sv && pairs.length ? [{ size, pods: sv.pods, serverlessEventsPerSecond: sv.eventsPerSecond, referenceEventsPerSecond: ref.eventsPerSecond, ratio: median(pairs), ratios: pairs }] : [];
  });
  const totals = sizes.map((size) => {
    const rs = rows.filter((r) => r.size === size && r.kind !== 'reference');
    return {
      size,
      strategies: rs.length,
      wallMs: rs.reduce((a, r) => a + r.wallMs, 0),
      peakRssMiB: Math.max(...rs.map((r) => r.maxRssMiB ?? r.peakRssMiB ?? 0)),
    };
  });
  const scalingRows = kinds.map((kind) => {
    const pts = sizes.map((size) => rows.find((r) => r.size === size && r.kind === kind) as Row);
    return { kind, points: pts.map((p) => ({ size: p.size, pods: p.pods, wallMs: p.wallMs, usPerPod: (p.wallMs * 1000) / p.pods })) };
  });

  if (json) {
    console.log(JSON.stringify({ node: process.version, cpus: cpuModel(), mode: inProcess ? 'in-process' : 'child-per-strategy', repeat, benchSeconds, rows, ratios, totals, allAtOnce, scaling: scalingRows, csv: csvRows }, null, 2));
    return;
  }

  console.log(`\nSpillway bench: ${cpuModel()}, Node ${process.version}, ${inProcess ? 'all in one process' : 'one child process per replay'}, median of ${repeat} run${repeat > 1 ? 's' : ''}\n`);
  console.log(
    table(
      ['size', 'strategy', 'pods', 'wall ms', 'min-max ms', 'cpu ms', 'events', 'events/s', 'pods/s', 'peak rss MiB', 'peak heap MiB', 'max rss MiB', 'of cpu: other threads ms'],
      rows.map((r) => [
        sizeLabel(r.size),
        r.kind,
        int(r.pods),
        ms(r.wallMs),
        `${ms(Math.min(...r.runsMs))}-${ms(Math.max(...r.runsMs))}`,
        ms(r.cpuMs),
        int(r.events),
        millions(r.eventsPerSecond),
        millions(r.podsPerSecond),
        r.peakRssMiB === undefined ? '-' : int(r.peakRssMiB),
        r.peakHeapMiB === undefined ? '-' : int(r.peakHeapMiB),
        r.maxRssMiB === undefined ? '-' : int(r.maxRssMiB),
        r.otherThreadsCpuMs === undefined ? '-' : ms(r.otherThreadsCpuMs),
      ]),
    ),
  );
  console.log('\nWhat the replays did (sanity check):\n');
  console.log(
    table(
      ['size', 'strategy', 'cost USD', 'started', 'on nodes', 'on serverless', 'peak nodes', 'nodes launched', 'evictions', 'p95 pending s'],
      rows
        .filter((r) => r.summary)
        .map((r) => {
          const s = r.summary as StrategyMeasure['summary'];
          return [sizeLabel(r.size), r.kind, int(s.cost), int(s.started), int(s.onNodes), int(s.onServerless), int(s.peakNodes), int(s.nodesLaunched), int(s.evictions), s.p95PendingSeconds.toFixed(1)];
        }),
    ),
  );
  if (ratios.length) {
    console.log('\nServerless replay vs the reference loop (events per second):\n');
    const pct = (x: number) => (x * 100).toFixed(0) + '%';
    console.log(
      table(
        ['size', 'serverless events/s', 'reference events/s', 'ratio (median)', 'ratio per run'],
        ratios.map((r) => [sizeLabel(r.size), millions(r.serverlessEventsPerSecond), millions(r.referenceEventsPerSecond), pct(r.ratio), r.ratios.map(pct).join(' ')]),
      ),
    );
  }
  console.log('\nAll strategies per size:\n');
  console.log(table(['size', 'strategies', 'total wall ms', 'highest peak rss MiB'], totals.map((t) => [sizeLabel(t.size), t.strategies, ms(t.wallMs), int(t.peakRssMiB)])));
  if (allAtOnce.length) {
    console.log('\nAll strategies at once, as `npm run sim` runs a scenario (one workload, strategies on the main thread and worker threads):\n');
    console.log(
      table(
        ['size', 'strategies', 'threads', 'wall ms', 'min-max ms', 'cpu ms', 'events', 'max rss MiB', 'same costs as separate runs'],
        allAtOnce.map((a) => [sizeLabel(a.size), a.strategies, a.threads, ms(a.wallMs), `${ms(Math.min(...a.runsMs))}-${ms(Math.max(...a.runsMs))}`, ms(a.cpuMs), int(a.events), a.maxRssMiB === undefined ? '-' : int(a.maxRssMiB), a.sameResults ? 'yes' : 'NO']),
      ),
    );
  }
  if (scaling || sizes.length > 2) {
    console.log('\nScaling (wall ms; x = time growth / size growth vs the previous size, 1.00 = linear):\n');
    const head = ['strategy', ...sizes.flatMap((s, i) => (i === 0 ? [`${sizeLabel(s)} ms`, 'us/pod'] : [`${sizeLabel(s)} ms`, 'us/pod', 'x']))];
    console.log(
      table(
        head,
        scalingRows.map((r) => [
          r.kind,
          ...r.points.flatMap((p, i) => {
            const cells = [ms(p.wallMs), p.usPerPod.toFixed(2)];
            if (i > 0) {
              const prev = r.points[i - 1];
              cells.push((p.wallMs / prev.wallMs / (p.pods / prev.pods)).toFixed(2));
            }
            return cells;
          }),
        ]),
      ),
    );
  }
  if (csvRows.length) {
    console.log('\nCanonical CSV round trip (write from the pod table, parse back with src/trace):\n');
    console.log(
      table(
        ['size', 'rows', 'MiB', 'write ms', 'parse ms', 'parse rows/s', 'peak rss MiB', 'peak heap MiB', 'max rss MiB'],
        csvRows.map(({ size, csv, maxRssMiB }) => [
          sizeLabel(size),
          int(csv.rows),
          (csv.bytes / MiB).toFixed(1),
          ms(csv.writeMs),
          csv.parseMs === undefined ? 'n/a' : ms(csv.parseMs),
          csv.parseMs === undefined ? 'n/a' : millions(csv.rows / (csv.parseMs / 1000)),
          int(csv.peakRssMiB),
          int(csv.peakHeapMiB),
          int(maxRssMiB),
        ]),
      ),
    );
    const note = csvRows.find((c) => c.csv.note)?.csv.note;
    if (note) console.log(`\n${note}`);
  }
  console.log(`\nbench took ${benchSeconds.toFixed(1)} s`);
}

function cpuModel(): string {
  const list = cpus();
  return `${list.length} x ${list[0]?.model ?? process.arch}`;
}

try {
  await main();
} catch (e) {
  // A bad option or arm is a one-line message, not a stack trace (SPILLWAY_DEBUG=1 shows it).
  process.stderr.write(`bench: ${e instanceof Error ? (process.env.SPILLWAY_DEBUG ? e.stack : e.message) : String(e)}\n`);
  process.exit(2);
}
