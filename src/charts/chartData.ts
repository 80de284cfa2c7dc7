import type { StrategyResult } from '../metrics/result.ts';
import { strategyColor, strategyDash } from './palette.ts';

/** What every chart needs to know about a strategy: its result and its fixed colour and dash. */
export interface ChartStrategy {
  index: number;
  name: string;
  color: string;
  dash: string;
  result: StrategyResult;
}

export function chartStrategies(strategies: readonly StrategyResult[]): ChartStrategy[] {
  return strategies.map((result, index) => ({ index, name: result.name, color: strategyColor(index), dash: strategyDash(index), result }));
}
