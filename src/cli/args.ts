import { parseDurationText } from '../scenario/duration.ts';
import { MAX_HORIZON_SECONDS } from '../scenario/scenario.ts';
import { MAX_RUNS } from '../runs/seeds.ts';

/** Command-line options of `npm run sim`. */
export interface CliArgs {
  scenario?: string;
  json: boolean;
  trace?: string;
  /** A column mapping (JSON, the schema the app saves) for the `--trace` file, overriding detection. */
  mapping?: string;
  seed?: number;
  /** `path=from:to:steps`, up to two (a grid). */
  sweep: string[];
  help: boolean;
  skipBadRows: boolean;
  /** Worker threads for the strategies (default: one per strategy, at most one per core). */
  jobs?: number;
  /** Override the scenario's horizon: seconds, or 'trace' (long enough for every trace pod). */
  horizon?: number | 'trace';
  /** Replay only this part of the --trace file, seconds after its first arrival. */
  traceWindow?: { from: number; to?: number };
  /** `i/n`: compute only the i-th (from 0) of n slices of a multi-run command; checked by parseShard. */
  shard?: string;
  /** Write the output to this file instead of stdout. */
  out?: string;
  /** `--recommend`: search each strategy's knobs for the cheapest setup that meets the SLO in 90% of runs. */
  recommend: boolean;
  /** `--runs N`: replay the scenario with N seeds (its own, then derived ones) and report bands. */
  runs?: number;
  /** Most pod replays (pods x strategies, over all sweep runs) to run without refusing. */
  maxPods?: number;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run sim -- <scenario.json> [--json] [--trace file.csv [--mapping mapping.json]] [--seed N] [--jobs N] [--runs N] [--recommend] [--sweep path=from:to:steps [--sweep ...]] [--shard i/n] [--out FILE]
       spillway merge <part.json>...            (partials of --shard runs into one result)
       spillway k8s-job <scenario.json> (--sweep ... | --runs N | --recommend) --image IMAGE --parallelism P   (a Kubernetes Indexed Job)

  <scenario.json>   a scenario file (see scenarios/)
  --json            print the results as JSON instead of a table
  --trace FILE      replay this CSV trace instead of the scenario's workload
                    (canonical columns arrival_s,duration_s,cpu_m,mem_mib[,class], or a layout Spillway detects;
                    the mapping it uses is printed on stderr, one line per column with its unit and why)
  --mapping FILE    read the --trace file with this column mapping (JSON, as the app saves it in a trace
                    source's "mapping") instead of the detected one, e.g. to override a unit
  --horizon H       simulate for H (seconds or e.g. "36h", "30d"; at most 366 days) instead of the scenario's
                    horizon; "trace": until the trace's last pod ends, rounded up to a whole hour
  --trace-window A:B  replay only the part of the --trace file from A to B after its first arrival
                    (e.g. 115d:149.4d, or 115d: for the rest); pods still running at A start at A
                    with the time they had left
  --seed N          override the scenario's random seed (a non-negative integer)
  --skip-bad-rows   skip trace rows that cannot be read (counted on stderr) instead of stopping at the first
  --jobs N          replay the strategies on N threads at once (default: one per strategy, at most
                    one per CPU core; 1 runs them one after another). The results are the same either way
  --runs N          replay the scenario with N seeds (the scenario's, then seeds derived from it; every
                    strategy gets the same seed within a run) and report p5/p50/p95 of cost, pending p95
                    and CPU utilization per strategy; the verdict names a winner only if it wins 90% of runs
  --recommend       search each strategy's what-if knobs (minimum nodes, overflow timeout, instance type)
                    for the cheapest setup whose pending p95 meets the scenario's SLO in at least 90% of
                    runs (--runs N, default 10); prints it as a diff and the patched scenario JSON
  --sweep P=A:B:N   run the scenario N times with the number at field path P going linearly from A to B
                    (e.g. workload.1.podsPerSession=1000:24000:7); a second --sweep makes a grid.
                    Prints cost and pending p95 per strategy and where strategies break even on cost
  --shard I/N       compute only slice I of N (0 <= I < N) of a --sweep's variants, --runs' runs or --recommend's
                    coarse grid and print a partial result (one JSON line); \`spillway merge\` joins the N parts into
                    the --json output (for --recommend it finishes the search: refinement and final check)
  --out FILE        write the output to FILE instead of stdout
  --max-pods N      run even if the estimated work, pods x strategies (x sweep runs), is above N
                    (default 20,000,000: about a minute of replay on the machine bench/README.md measured)`;

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { json: false, help: false, skipBadRows: false, sweep: [], recommend: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--skip-bad-rows') args.skipBadRows = true;
    else if (a === '--recommend') args.recommend = true;
    else if (a === '--trace') args.trace = value('--trace');
    else if (a === '--horizon') args.horizon = parseHorizon(value('--horizon'));
    else if (a === '--trace-window') args.traceWindow = parseTraceWindow(value('--trace-window'));
    else if (a === '--shard') args.shard = value('--shard');
    else if (a === '--out') args.out = value('--out');
    else if (a === '--mapping') args.mapping = value('--mapping');
    else if (a === '--sweep') {
      if (args.sweep.length === 2) throw new UsageError('--sweep: at most two parameters (a grid)');
      args.sweep.push(value('--sweep'));
    }
    else if (a === '--seed') {
      const v = value('--seed');
      if (!/^\d+$/.test(v) || Number(v) > 2 ** 32 - 1) throw new UsageError(`--seed: "${v}" is not a non-negative integer below 2^32`);
      args.seed = Number(v);
    } else if (a === '--jobs') {
      const v = value('--jobs');
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) throw new UsageError(`--jobs: "${v}" is not a whole number from 1 to 256`);
      args.jobs = Number(v);
    } else if (a === '--runs') {
      const v = value('--runs');
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_RUNS) throw new UsageError(`--runs: "${v}" is not a whole number from 1 to ${MAX_RUNS}`);
      args.runs = Number(v);
    } else if (a === '--max-pods') {
      const v = value('--max-pods');
      if (!/^\d+$/.test(v) || !(Number(v) >= 1) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--max-pods: "${v}" is not a whole number above 0`);
      args.maxPods = Number(v);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (args.scenario === undefined) args.scenario = a;
    else throw new UsageError(`unexpected argument "${a}" (one scenario file at a time)`);
  }
  if (args.traceWindow && !args.trace) throw new UsageError('--trace-window needs --trace (a trace source in a scenario file takes a "window" field)');
  if (args.recommend && args.sweep.length) throw new UsageError('--recommend and --sweep cannot be combined: the recommender runs its own grid');
  if (args.runs !== undefined && args.sweep.length) throw new UsageError('--runs and --sweep cannot be combined yet: run the sweep per seed with --seed');
  if (args.mapping !== undefined && args.trace === undefined) throw new UsageError('--mapping needs --trace (it says how to read that file)');
  return args;
}

/** Seconds from "3600" or a duration such as "36h"; undefined when neither. */
function seconds(text: string): number | undefined {
  const t = text.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : parseDurationText(t);
}

function parseHorizon(text: string): number | 'trace' {
  if (text.trim() === 'trace') return 'trace';
  const h = seconds(text);
  if (h === undefined || !(h > 0)) throw new UsageError(`--horizon: "${text}" is not "trace" or a duration above 0 such as 3600, "36h" or "30d"`);
  if (h > MAX_HORIZON_SECONDS) throw new UsageError(`--horizon: ${text} is longer than the longest horizon, ${MAX_HORIZON_SECONDS / 86400} days`);
  return h;
}

function parseTraceWindow(text: string): { from: number; to?: number } {
  const parts = text.split(':');
  const from = seconds(parts[0] ?? '');
  const to = parts[1]?.trim() === '' ? Infinity : seconds(parts[1] ?? '');
  if (parts.length !== 2 || from === undefined || to === undefined) throw new UsageError(`--trace-window: "${text}" is not FROM:TO, two durations after the trace's first arrival such as 115d:149.4d (115d: for the rest)`);
  if (!(to > from)) throw new UsageError(`--trace-window: "${text}" ends before it starts`);
  return to === Infinity ? { from } : { from, to };
}
