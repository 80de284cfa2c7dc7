/** Parameter sweeps: plan variants, run them, find break-even points and the cost/latency front. */
export { checkParam, linearValues, MAX_STEPS, parseSweepArg, SweepSpecError, type SweepParam, type SweepSpec } from './spec.ts';
export { numericField, type FieldLookup } from './numericField.ts';
export { planSweep, type InvalidVariant, type PlannedParam, type SweepPlan, type Variant } from './plan.ts';
export { runSweep, type RunOptions, type SweepPoint, type SweepRow } from './run.ts';
export { breakEvenPoints, type BreakEven, type Metric } from './breakEven.ts';
export { paretoFront, type CostLatency } from './pareto.ts';
export { sweepToCsv } from './csv.ts';
export { allBreakEvens, sweepJson, sweepTable, type PairBreakEven } from './report.ts';
export { cheapestPerStrategy, type Cheapest } from './cheapest.ts';
