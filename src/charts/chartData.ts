import type { StrategyResult } from '../metrics/result.ts';
import { strategyColor, strategyDash } from './palette.ts';

/** What every chart needs to know about a strategy: its result and its fixed colour and dash. */
export interface ChartStrategy {
  index: number;
  name: string;
  color: string;
  dash: string;
  result: StrategyResult;
  /** p5..p95 over a Monte Carlo study's runs, for the charts that draw bands. */
  band?: {
    cumulativeCost: { p5: ArrayLike<number>; p95: ArrayLike<number> };
    pendingCdf: { p5: ArrayLike<number>; p95: ArrayLike<number> };
  };
}

export function chartStrategies(strategies: readonly StrategyResult[]): ChartStrategy[] {
  return strategies.map((result, index) => ({ index, name: result.name, color: strategyColor(index), dash: strategyDash(index), result }));
}

/** Said under a chart that draws bands. */
export const BAND_NOTE = " Shaded: the 5th to 95th percentile over the Monte Carlo runs; the line is the scenario's own seed.";
