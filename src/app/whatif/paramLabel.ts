/**
 * How a swept parameter reads on a chart, a heading or a table: the editor's own field label and
 * the name of the workload source or strategy it belongs to ("Pods per session (web front end)"),
 * not the schema path ("workload.1.podsPerSession"). The path stays in the CSV, for scripts.
 */
import type { Scenario } from '../../scenario/scenario.ts';
import {
  AUTOSCALER_FIELDS,
  COMMITMENT_FIELDS,
  NODE_POOL_FIELDS,
  NODE_SPOT_FIELDS,
  OVERFLOW_FIELDS,
  RESOURCE_POLICY_FIELDS,
  SCENARIO_FIELDS,
  SERVERLESS_FIELDS,
  STRATEGY_BASE_FIELDS,
  WORKLOAD_FIELDS,
  type FieldSpec,
} from '../editor/fieldSpecs.ts';
import { KNOB_LABELS, type KnobKey } from './knobs.ts';

const DELAY_PARAMS: Record<string, string> = { seconds: 'seconds', min: 'min', max: 'max', median: 'median', p95: 'p95' };

/** "pricePerVcpuHour" -> "Price per vcpu hour": the last resort for a field the editor does not show. */
function humanize(key: string): string {
  const words = key
    .replace(/\./g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of `rest` among `specs` (a delay's parameter reads "Node provisioning delay, median"). */
function fieldLabel(specs: readonly FieldSpec[], rest: string): string {
  const exact = specs.find((s) => s.key === rest);
  if (exact) return exact.label;
  const dot = rest.lastIndexOf('.');
  if (dot > 0) {
    const parent = specs.find((s) => s.key === rest.slice(0, dot) && s.kind === 'delay');
    const param = DELAY_PARAMS[rest.slice(dot + 1)];
    if (parent && param) return `${parent.label}, ${param}`;
  }
  return humanize(rest);
}

function strategyFieldLabel(rest: string): string {
  for (const [prefix, specs] of [
    ['nodePool.autoscaler.', AUTOSCALER_FIELDS],
    ['nodePool.spot.', NODE_SPOT_FIELDS],
    ['commitment.', COMMITMENT_FIELDS],
    ['nodePool.', NODE_POOL_FIELDS],
    ['serverless.', SERVERLESS_FIELDS],
    ['overflow.', [...OVERFLOW_FIELDS, ...RESOURCE_POLICY_FIELDS]],
  ] as const) {
    if (rest.startsWith(prefix)) {
      const label = fieldLabel(specs, rest.slice(prefix.length));
      // A bare "Price per vCPU-hour" could be a node's or a pod's: say which part it belongs to.
      return prefix === 'serverless.' && !/serverless/i.test(label) ? `Serverless ${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
    }
  }
  return fieldLabel(STRATEGY_BASE_FIELDS, rest);
}

/** The readable name of a sweep parameter ("knob:burstScale" or a schema path) in `scenario`. */
export function sweepParamLabel(param: string, scenario: Scenario): string {
  if (param.startsWith('knob:')) {
    const key = param.slice(5) as Exclude<KnobKey, 'instanceType'>;
    return KNOB_LABELS[key] ?? humanize(key);
  }
  const m = /^(workload|strategies)\.(\d+)\.(.+)$/.exec(param);
  if (!m) return fieldLabel(SCENARIO_FIELDS, param);
  const index = Number(m[2]);
  const rest = m[3];
  if (m[1] === 'workload') {
    const source = scenario.workload[index];
    const specs = source && (source.type === 'diurnal' || source.type === 'burst' || source.type === 'batch') ? WORKLOAD_FIELDS[source.type] : [];
    const owner = source && 'name' in source && source.name ? source.name : `workload source ${index + 1}`;
    return `${fieldLabel(specs, rest)} (${owner})`;
  }
  const strategy = scenario.strategies[index];
  return `${strategyFieldLabel(rest)} (${strategy?.name ?? `strategy ${index + 1}`})`;
}

/** Whether a parameter changes the pods replayed (then configurations do not run the same work). */
export function changesWorkload(param: string): boolean {
  return param === 'knob:burstScale' || param.startsWith('workload.') || param === 'workload';
}
