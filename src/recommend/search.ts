import type { RunPoint } from '../runs/bands.ts';
import { runSeeds } from '../runs/seeds.ts';
import { safeParseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { knobWrites, strategyKnobs, type KnobValue, type RecommendKnob } from './knobs.ts';
import { getPath, setPath } from './patch.ts';
import { notSearched } from './notSearched.ts';

/** Replays each item (a one-strategy scenario and a seed) and returns its strategy's point, in order. */
export type Evaluator = (items: ReadonlyArray<{ scenario: Scenario; seed: number }>) => Promise<RunPoint[]>;

/** Runs per configuration while screening the grid and refining (the answer is then checked with every run). */
export const SCREEN_RUNS = 2;

/** Runs that decide a recommendation when --runs does not say: 9 of 10 is the 90% bar. */
export const DEFAULT_RECOMMEND_RUNS = 10;

/** A share of runs at or above this meets the SLO: the verdict's bar for a winner. */
export const MEETS_SHARE = 0.9;

export interface RecommendOptions {
  /** Runs that decide (the verdict's paired runs): the answer meets the SLO in 90% of them. */
  runs: number;
  /** Runs per configuration in the coarse grid and refinement (a screen; the answer is checked with `runs`). */
  screenRuns?: number;
  evaluate: Evaluator;
  /** After each batch: configurations evaluated so far, replays so far. */
  onProgress?: (configs: number, replays: number) => void;
  /**
   * The coarse grid's points, already replayed (by `--shard` processes): one per item of
   * `coarseItems(scenario, runs, screenRuns)`, in that order. The search then replays only its
   * refinement and final check, and finds exactly what it finds when it replays the grid itself.
   */
  coarse?: readonly RunPoint[];
}

/** The JSON contract's `recommendation`, plus where it comes from. */
export interface Recommendation {
  strategy: string;
  /** Schema path in the scenario -> new value; empty when the strategy meets the SLO as it is. */
  changes: Record<string, KnobValue>;
  /** Median over the deciding runs. */
  cost: number;
  /** Median of the runs' pending p95. */
  pendingP95: number;
  meetsSloShare: number;
}

export interface StrategyOutcome {
  strategy: string;
  /** The knobs searched (none: the strategy was only checked as it is). */
  knobs: string[];
  best: Recommendation | null;
  /** Best share of screening runs within the SLO any configuration reached, when none met it. */
  bestShare: number;
}

export interface RecommendResult {
  recommendation: Recommendation | null;
  strategies: StrategyOutcome[];
  configurations: number;
  replays: number;
  runs: number;
  sloSeconds: number;
  /** Setups the search could not try because the scenario lacks the field to turn (see notSearched.ts). */
  notSearched: string[];
}

type Config = KnobValue[];

interface Evaluated {
  points: RunPoint[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return s.length ? s[Math.floor(h)] + (s[Math.ceil(h)] - s[Math.floor(h)]) * (h - Math.floor(h)) : Number.NaN;
};

/**
 * The cheapest configuration of any strategy whose pending p95 meets the scenario's SLO in at
 * least 90% of `runs` paired runs. Per strategy: a coarse grid over its knobs (every combination
 * of their coarse values), each configuration screened with a few runs; then the cheapest
 * configurations that passed are refined (monotone knobs bisected down to the cheapest value that
 * still passes, other numeric knobs tried at the midpoints next to their value); then the best is
 * checked with all `runs` runs, falling back to the next cheapest if it fails. Strategies are
 * replayed alone (each is an independent replay of the same workload), every batch at once on
 * the evaluator (worker threads or the browser's worker pool).
 */
export async function recommend(scenario: Scenario, options: RecommendOptions): Promise<RecommendResult> {
  const slo = scenario.slo.pendingSeconds;
  const screen = Math.min(options.screenRuns ?? SCREEN_RUNS, options.runs);
  const search = searchState(scenario, options.runs);
  const { cache, keyOf } = search;
  let configurations = 0;
  let replays = 0;
  let coarse = options.coarse;

  /** Evaluates configurations with the first `n` seeds (reusing runs already done). */
  const evaluate = async (batch: Batch, n: number): Promise<Array<Evaluated | null>> => {
    const { items, owners, out, added } = search.collect(batch, n);
    configurations += added;
    // The first batch is the coarse grid: with `options.coarse` its points come from the shards.
    const given = coarse;
    coarse = undefined;
    if (given && given.length !== items.length) throw new Error(`recommend: ${given.length} coarse points for a coarse grid of ${items.length} replays`);
    if (items.length) {
      const points = given ?? (await options.evaluate(items));
      replays += items.length;
      owners.forEach((o, i) => (cache.get(o.key)!.points[o.k] = points[i]));
      options.onProgress?.(configurations, replays);
    }
    return out;
  };

  const meets = (p: RunPoint) => p.neverStarted === 0 && p.pendingP95 <= slo;
  const share = (e: Evaluated, n: number) => e.points.slice(0, n).filter(meets).length / n;
  const costOf = (e: Evaluated, n: number) => median(e.points.slice(0, n).map((p) => p.cost));
  const passes = (e: Evaluated | null, n: number): e is Evaluated => e !== null && share(e, n) >= MEETS_SHARE;

  // 1. Coarse grid, every strategy at once.
  const grids = coarseGrids(scenario);
  const coarseResults = await evaluate(coarseBatch(grids), screen);
  let at = 0;
  const states = grids.map((g) => {
    const results = g.configs.map((config) => ({ config, e: coarseResults[at++] }));
    const passed = results.filter((r) => passes(r.e, screen)).sort((a, b) => costOf(a.e!, screen) - costOf(b.e!, screen));
    const bestShare = Math.max(0, ...results.map((r) => (r.e ? share(r.e, screen) : 0)));
    return { ...g, passed: passed.map((r) => r.config), bestShare };
  });

  // 2. Refine the cheapest passing configuration of each strategy, knob by knob.
  const best = states.map((s) => (s.passed[0] ? [...s.passed[0]] : null));
  for (let j = 0; j < Math.max(0, ...states.map((s) => s.knobs.length)); j++) {
    // Monotone knobs: bisect between the coarse value below (or the current) and the passing one.
    const bounds = states.map((s, i) => {
      const k = s.knobs[j];
      const b = best[i];
      if (!k || !b || !k.monotone || typeof b[j] !== 'number') return null;
      const below = (k.coarse as number[]).filter((v) => v < (b[j] as number));
      return below.length ? { lo: below[below.length - 1], hi: b[j] as number } : null;
    });
    for (let step = 0; step < 6; step++) {
      const batch = states.flatMap((s, i) => {
        const bd = bounds[i];
        if (!bd || bd.hi - bd.lo <= Math.max(1, Math.ceil(bd.hi * 0.01))) return [];
        const mid = s.knobs[j].kind === 'integer' ? Math.floor((bd.lo + bd.hi) / 2) : (bd.lo + bd.hi) / 2;
        const config = [...best[i]!];
        config[j] = mid;
        return [{ index: s.index, knobs: s.knobs, config, i, mid }];
      });
      if (!batch.length) break;
      const res = await evaluate(batch, screen);
      batch.forEach((b, r) => {
        const e = res[r];
        const bd = bounds[b.i]!;
        if (passes(e, screen) && costOf(e, screen) <= costOf(cache.get(keyOf(b.index, best[b.i]!))!, screen)) {
          bd.hi = b.mid;
          best[b.i] = b.config;
        } else bd.lo = b.mid;
      });
    }
    // Other numeric knobs: the midpoints next to the chosen value.
    const batch = states.flatMap((s, i) => {
      const k = s.knobs[j];
      const b = best[i];
      if (!k || !b || k.monotone || k.kind === 'choice') return [];
      const values = k.coarse as number[];
      const v = b[j] as number;
      const at = values.indexOf(v);
      const mids = [at > 0 ? (values[at - 1] + v) / 2 : null, at >= 0 && at < values.length - 1 ? (values[at + 1] + v) / 2 : null].filter((m): m is number => m !== null);
      return mids.map((m) => {
        const config = [...b];
        config[j] = k.kind === 'seconds' ? Math.round(m) : m;
        return { index: s.index, knobs: s.knobs, config, i };
      });
    });
    if (batch.length) {
      const res = await evaluate(batch, screen);
      batch.forEach((b, r) => {
        const e = res[r];
        if (passes(e, screen) && costOf(e, screen) < costOf(cache.get(keyOf(b.index, best[b.i]!))!, screen)) best[b.i] = b.config;
      });
    }
  }

  // 3. Check with every run: the refined best, else the next cheapest coarse ones that passed.
  const chosen: Array<Config | null> = states.map(() => null);
  const candidates = states.map((s, i) => (best[i] ? [best[i]!, ...s.passed.filter((c) => keyOf(s.index, c) !== keyOf(s.index, best[i]!)).slice(0, 2)] : []));
  for (let round = 0; round < 3; round++) {
    const batch = states.flatMap((s, i) => (chosen[i] === null && candidates[i][round] ? [{ index: s.index, knobs: s.knobs, config: candidates[i][round], i }] : []));
    if (!batch.length) break;
    const res = await evaluate(batch, options.runs);
    batch.forEach((b, r) => {
      if (passes(res[r], options.runs)) chosen[b.i] = b.config;
    });
  }

  const outcomes: StrategyOutcome[] = states.map((s, i) => {
    const config = chosen[i];
    if (!config) return { strategy: s.strategy.name, knobs: s.knobs.map((k) => k.label), best: null, bestShare: s.bestShare };
    const e = cache.get(keyOf(s.index, config))!;
    const changes: Record<string, KnobValue> = {};
    s.knobs.forEach((k, j) => {
      if (JSON.stringify(config[j]) === JSON.stringify(k.current)) return;
      for (const [path, value] of knobWrites(k, config[j])) {
        if (JSON.stringify(getPath(s.strategy, path)) !== JSON.stringify(value)) changes[`strategies.${s.index}.${path}`] = value;
      }
    });
    const pts = e.points.slice(0, options.runs);
    return {
      strategy: s.strategy.name,
      knobs: s.knobs.map((k) => k.label),
      best: { strategy: s.strategy.name, changes, cost: costOf(e, options.runs), pendingP95: median(pts.map((p) => p.pendingP95)), meetsSloShare: share(e, options.runs) },
      bestShare: share(e, options.runs),
    };
  });
  const found = outcomes.flatMap((o) => (o.best ? [o.best] : [])).sort((a, b) => a.cost - b.cost);
  return { recommendation: found[0] ?? null, strategies: outcomes, configurations, replays, runs: options.runs, sloSeconds: slo, notSearched: notSearched(scenario) };
}

type Batch = Array<{ index: number; knobs: RecommendKnob[]; config: Config }>;

/**
 * What a search keeps between batches: each configuration's one-strategy scenario and its points
 * so far, by key. `collect` lists the replays a batch still needs (configurations new to the
 * cache are counted in `added`; one that makes no valid scenario is null).
 */
function searchState(scenario: Scenario, runs: number) {
  const seeds = runSeeds(scenario.seed, runs);
  const cache = new Map<string, Evaluated & { scenario: Scenario }>();
  const keyOf = (index: number, config: Config) => JSON.stringify([index, config]);
  const variant = (index: number, knobs: RecommendKnob[], config: Config): Scenario | null => {
    let strategy: unknown = scenario.strategies[index];
    knobs.forEach((k, j) => knobWrites(k, config[j]).forEach(([path, value]) => (strategy = setPath(strategy, path, value))));
    const r = safeParseScenario({ ...scenario, strategies: [strategy] });
    return r.ok ? r.scenario : null;
  };
  const collect = (batch: Batch, n: number) => {
    const items: Array<{ scenario: Scenario; seed: number }> = [];
    const owners: Array<{ key: string; k: number }> = [];
    const out: Array<Evaluated | null> = [];
    let added = 0;
    for (const b of batch) {
      const key = keyOf(b.index, b.config);
      let e = cache.get(key);
      if (!e) {
        const sc = variant(b.index, b.knobs, b.config);
        if (!sc) {
          out.push(null);
          continue;
        }
        e = { points: [], scenario: sc };
        cache.set(key, e);
        added++;
      }
      for (let k = e.points.length; k < n; k++) {
        if (owners.some((o) => o.key === key && o.k === k)) continue;
        items.push({ scenario: e.scenario, seed: seeds[k] });
        owners.push({ key, k });
      }
      out.push(e);
    }
    return { items, owners, out, added };
  };
  return { cache, keyOf, collect };
}

/** Each strategy's coarse grid: every combination of its knobs' coarse values. */
function coarseGrids(scenario: Scenario) {
  return searchPlans(scenario).map((p) => ({ ...p, configs: product(p.knobs.map((k) => k.coarse)) }));
}

const coarseBatch = (grids: ReturnType<typeof coarseGrids>): Batch => grids.flatMap((g) => g.configs.map((config) => ({ index: g.index, knobs: g.knobs, config })));

/**
 * The replays of the search's first batch, the coarse grid screened with `screenRuns` seeds, in
 * the order `recommend` sends them to its evaluator: known before anything is replayed, so
 * `--recommend --shard i/n` can split them and `spillway merge` hand their points back as
 * `RecommendOptions.coarse`. Configurations that make no valid scenario are left out, as there.
 */
export function coarseItems(scenario: Scenario, runs: number, screenRuns = SCREEN_RUNS): Array<{ scenario: Scenario; seed: number }> {
  return searchState(scenario, runs).collect(coarseBatch(coarseGrids(scenario)), Math.min(screenRuns, runs)).items;
}

/**
 * Most configurations in one strategy's coarse grid. Every knob's coarse values multiply: a pool
 * with a baseline, a pre-scale, headroom and three instance types would have 6 x 6 x 6 x 3 = 648,
 * each screened with 2 replays. Above this, the longest lists are thinned (every other value,
 * keeping the ends and today's), which refinement makes up for (monotone knobs are bisected
 * between the coarse values either side of the best).
 */
export const MAX_GRID = 96;

/** Each strategy's knobs, their coarse lists thinned so that the grid has at most MAX_GRID configurations. */
export function searchPlans(scenario: Scenario): Array<{ index: number; strategy: Scenario['strategies'][number]; knobs: RecommendKnob[] }> {
  return scenario.strategies.map((strategy, index) => ({ index, strategy, knobs: thinGrid(strategyKnobs(strategy)) }));
}

function thinGrid(knobs: RecommendKnob[]): RecommendKnob[] {
  const out = knobs.map((k) => ({ ...k, coarse: [...k.coarse] }));
  const size = () => out.reduce((n, k) => n * k.coarse.length, 1);
  while (size() > MAX_GRID) {
    const longest = out.reduce((a, b) => (b.coarse.length > a.coarse.length ? b : a));
    if (longest.coarse.length <= 2) break;
    const now = JSON.stringify(longest.current);
    const last = longest.coarse.length - 1;
    longest.coarse = longest.coarse.filter((v, i) => i % 2 === 0 || i === last || JSON.stringify(v) === now);
  }
  return out;
}

/**
 * The replays a search will do at least, before any is run (for the CLI's work limit): the
 * coarse grid screened with `screenRuns` each, then each strategy's best checked with `runs`.
 * Refinement adds up to a few dozen more configurations.
 */
export function plannedReplays(scenario: Scenario, runs: number, screenRuns = SCREEN_RUNS): { configurations: number; replays: number } {
  const screen = Math.min(screenRuns, runs);
  const configurations = searchPlans(scenario).reduce((n, p) => n + p.knobs.reduce((m, k) => m * k.coarse.length, 1), 0);
  return { configurations, replays: configurations * screen + scenario.strategies.length * (runs - screen) };
}

/** Every combination of one value from each list (one empty combination for no lists). */
function product<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((c) => list.map((v) => [...c, v])), [[]]);
}
