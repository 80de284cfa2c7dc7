import { headroomNotes } from '../metrics/headroomNotes.ts';
import { capacityNotes } from '../metrics/capacityNotes.ts';
import { limitNotes } from '../metrics/limitNotes.ts';
import { provisioningNotes } from '../metrics/provisioningNotes.ts';
import { causesPresent, PROVISIONING_STAGE_LABEL, WAIT_CAUSE_LABEL } from '../metrics/waitLabels.ts';
import { PROVISIONING_STAGES } from '../metrics/waits.ts';
import type { SimulationResult, StrategyResult } from '../metrics/result.ts';
import { runPoint } from '../runs/bands.ts';
import { decidePairedVerdict } from '../verdict/pairedVerdict.ts';

/** The JSON contract of `npm run sim -- --json`: results without the time series. */
export function toJson(result: SimulationResult): object {
  return {
    scenario: result.scenario,
    horizonSeconds: result.horizonSeconds,
    seed: result.seed,
    ...(result.podsAfterHorizon ? { podsAfterHorizon: result.podsAfterHorizon } : {}),
    strategies: result.strategies.map(strategySummary),
    verdict: singleRunVerdict(result),
  };
}

export function strategySummary(s: StrategyResult) {
  return {
    name: s.name,
    kind: s.kind,
    cost: s.cost,
    utilization: s.utilization,
    pendingSeconds: s.pendingSeconds,
    slo: s.slo,
    pods: s.pods,
    nodes: s.nodes,
    limits: s.limits,
    ...(s.spot ? { spot: s.spot } : {}),
    ...(s.commitment ? { commitment: s.commitment } : {}),
    waits: s.waits,
    ...(s.headroom ? { headroom: s.headroom } : {}),
    ...(s.scheduledLaunches !== undefined ? { scheduledLaunches: s.scheduledLaunches } : {}),
    events: s.events,
  };
}

/** "4 min 05 s", "25 s", "1.2 s": how long someone waited, in words a person reads at a glance. */
export function formatSeconds(s: number): string {
  // Rounded first, then split: 119.6 s reads "2 min 00 s", not "1 min 60 s".
  if (s < 9.95) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) {
    const m = Math.floor(whole / 60);
    return `${m} min ${String(whole - m * 60).padStart(2, '0')} s`;
  }
  return `${(s / 3600).toFixed(1)} h`;
}

const money = (v: number, currency: string) => `${currency === 'USD' ? '$' : currency + ' '}${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const int = (v: number) => Math.round(v).toLocaleString('en-US');

/** A side-by-side plain-text table, one column per strategy. */
export function toTable(result: SimulationResult, wallMs?: number, verdictSentence?: string): string {
  const S = result.strategies;
  const itemNames = [...new Set(S.flatMap((s) => Object.keys(s.cost.items)))].filter((k) => S.some((s) => s.cost.items[k] > 0));
  const rows: Array<[string, ...string[]]> = [
    ['', ...S.map((s) => s.name)],
    ['kind', ...S.map((s) => s.kind)],
    ['total cost', ...S.map((s) => money(s.cost.total, s.cost.currency))],
    ...itemNames.map((k): [string, ...string[]] => [`  ${k}`, ...S.map((s) => money(s.cost.items[k] ?? 0, s.cost.currency))]),
    ['cost / 1,000 pod-hours', ...S.map((s) => (s.pods.podHours > 0 ? money((s.cost.total / s.pods.podHours) * 1000, s.cost.currency) : '-'))],
    ['CPU utilization', ...S.map((s) => pct(s.utilization.cpu))],
    ['memory utilization', ...S.map((s) => pct(s.utilization.memory))],
    ['pending p50', ...S.map((s) => formatSeconds(s.pendingSeconds.p50))],
    ['pending p95', ...S.map((s) => formatSeconds(s.pendingSeconds.p95))],
    ['pending p99', ...S.map((s) => formatSeconds(s.pendingSeconds.p99))],
    ['pending max', ...S.map((s) => formatSeconds(s.pendingSeconds.max))],
    [`pods over ${formatSeconds(S[0]?.slo.thresholdSeconds ?? 0)} SLO`, ...S.map((s) => int(s.slo.violations))],
    ['pods (completed / total)', ...S.map((s) => `${int(s.pods.completed)} / ${int(s.pods.total)}`)],
    ['pods on nodes / serverless', ...S.map((s) => `${int(s.pods.onNodes)} / ${int(s.pods.onServerless)}`)],
    ['pods never started', ...S.map((s) => int(s.pods.neverStarted))],
    ['nodes peak / launched', ...S.map((s) => `${int(s.nodes.peak)} / ${int(s.nodes.launched)}`)],
    ...(S.some((s) => s.spot)
      ? [
          ['spot interruptions / pods stopped', ...S.map((s) => (s.spot ? `${int(s.spot.interruptions)} / ${int(s.spot.podsInterrupted)}` : '-'))] as [string, ...string[]],
          ['work lost to interruptions', ...S.map((s) => (s.spot ? formatSeconds(s.spot.lostPodSeconds) : '-'))] as [string, ...string[]],
        ]
      : []),
    ...(S.some((s) => s.commitment)
      ? [
          ['commitment: unused', ...S.map((s) => (s.commitment ? money(s.commitment.unused, s.cost.currency) : '-'))] as [string, ...string[]],
          ['commitment: covered at on-demand', ...S.map((s) => (s.commitment ? money(s.commitment.coveredAtOnDemand, s.cost.currency) : '-'))] as [string, ...string[]],
          ['eligible usage on demand', ...S.map((s) => (s.commitment ? money(s.commitment.onDemand, s.cost.currency) : '-'))] as [string, ...string[]],
        ]
      : []),
    ['pending pod-hours', ...S.map((s) => (s.waits.totalSeconds / 3600).toLocaleString('en-US', { maximumFractionDigits: 1 }))],
    ...causesPresent(S.map((s) => s.waits)).flatMap((c): Array<[string, ...string[]]> => [
      [`  ${WAIT_CAUSE_LABEL[c]}`, ...S.map((s) => (s.waits.totalSeconds > 0 ? pct(s.waits.byCause[c] / s.waits.totalSeconds) : '-'))],
      // Node provisioning split by stage (shares of all pending time, like the causes).
      ...(c === 'provisioning'
        ? PROVISIONING_STAGES.filter((k) => S.some((s) => s.waits.provisioningByStage?.[k] > 0)).map((k): [string, ...string[]] => [
            `    ${PROVISIONING_STAGE_LABEL[k]}`,
            ...S.map((s) => (s.waits.totalSeconds > 0 ? pct((s.waits.provisioningByStage?.[k] ?? 0) / s.waits.totalSeconds) : '-')),
          ])
        : []),
    ]),
    ['events', ...S.map((s) => int(s.events))],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const cut = result.podsAfterHorizon ? `; ${int(result.podsAfterHorizon)} trace pods arrive after the horizon and are not replayed` : '';
  const out = [`${result.scenario}  (horizon ${formatSeconds(result.horizonSeconds)}, seed ${result.seed}${cut})`, '', line(rows[0]), ...rows.slice(1).map(line)];
  const notes = [...S.flatMap(limitNotes), ...S.flatMap(provisioningNotes), ...S.flatMap(headroomNotes), ...S.flatMap(capacityNotes)];
  if (notes.length) out.push('', ...notes.map((n) => `note: ${n}`));
  if (verdictSentence) out.push('', `verdict: ${verdictSentence}`);
  if (wallMs !== undefined) out.push('', `simulated in ${(wallMs / 1000).toFixed(2)} s`);
  return out.join('\n');
}


/** The verdict of one run (no --runs), in the contract's shape: `{ winner, confidence, sentence }`. */
export function singleRunVerdict(result: SimulationResult) {
  return decidePairedVerdict([
    result.strategies.map((s) => {
      const p = runPoint(s);
      return { name: s.name, costTotal: p.cost, currency: s.cost.currency, pendingP95: p.pendingP95, neverStarted: p.neverStarted, podsTotal: p.podsTotal, sloViolations: p.sloViolations, sloSeconds: s.slo.thresholdSeconds };
    }),
  ]);
}
