import type { SimulationResult } from '../metrics/result.ts';
import type { StrategyBands } from '../runs/bands.ts';
import type { PairedVerdict } from '../verdict/pairedVerdict.ts';
import { formatSeconds, toTable } from './report.ts';

/** The `--runs` document as finishRuns builds it (the parts the table reads). */
export interface RunsDocument {
  scenario: string;
  horizonSeconds: number;
  seed: number;
  podsAfterHorizon?: number;
  runs: { count: number; seeds: number[] };
  strategies: Array<SimulationResult['strategies'][number] & { bands: StrategyBands }>;
  verdict: PairedVerdict;
}

const money = (v: number, currency: string) => `${currency === 'USD' ? '$' : currency + ' '}${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * The `--runs` table: p5 / p50 / p95 over the runs per strategy, then the first run's full table
 * (the scenario's own seed, as without --runs) and the verdict over the paired runs.
 */
export function runsTable(doc: RunsDocument, wallMs?: number): string {
  const S = doc.strategies;
  const three = (b: { p5: number; p50: number; p95: number }, f: (v: number) => string) => `${f(b.p5)} / ${f(b.p50)} / ${f(b.p95)}`;
  const rows: string[][] = [
    [`p5 / p50 / p95 over ${doc.runs.count} runs`, ...S.map((s) => s.name)],
    ['total cost', ...S.map((s) => three(s.bands.cost, (v) => money(v, s.cost.currency)))],
    ['pending p95', ...S.map((s) => three(s.bands.pendingP95, formatSeconds))],
    ['CPU utilization', ...S.map((s) => three(s.bands.utilizationCpu, pct))],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const seeds = doc.runs.seeds.length > 6 ? `${doc.runs.seeds.slice(0, 5).join(', ')}, ... (${doc.runs.seeds.length})` : doc.runs.seeds.join(', ');
  const first = toTable({ ...doc, strategies: doc.strategies } as unknown as SimulationResult);
  return [
    `${doc.scenario}  (${doc.runs.count} runs, seeds ${seeds})`,
    '',
    ...rows.map(line),
    '',
    `first run (seed ${doc.seed}, the scenario's own):`,
    first,
    '',
    `verdict over ${doc.runs.count} paired runs: ${doc.verdict.sentence}`,
    ...(wallMs !== undefined ? ['', `simulated in ${(wallMs / 1000).toFixed(2)} s`] : []),
  ].join('\n');
}
