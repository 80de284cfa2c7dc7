import { PodTableBuilder, type PodTable } from '../workload/podTable.ts';
import { TraceImportError } from './errors.ts';
import { isObject, JsonIssueLog } from './jsonTrace.ts';
import { parseCpuMillicores, parseMemoryMiB } from './quantities.ts';
import type { ImportSimplifications } from './simplifications.ts';
import { parseDateTime } from './time.ts';

/**
 * Pods from `kubectl get pods -A -o json`: a snapshot. The output is a `v1` `List` (or the API's
 * `PodList`) whose items are Pods; each pod's requests are what the scheduler counts: the sum over
 * spec.containers[].resources.requests, or the largest init container's if that is more, plus
 * spec.overhead. Running and Pending pods hold (or wait for) those requests now; Succeeded and
 * Failed pods hold nothing and are counted out.
 *
 * A snapshot has no history, so the pods become a steady workload: every one arrives at the
 * horizon start and runs past any horizon (STEADY_SECONDS). Their start times are only reported.
 * Class = the namespace.
 */

/** How long snapshot pods run: past any horizon a scenario can have. */
export const STEADY_SECONDS = 2 * 366 * 86_400;

export interface KubectlPodsOutcome {
  table: PodTable;
  origin: number;
  /** Pod items in the file: accepted + rejected + filtered out. */
  pods: number;
  accepted: number;
  filteredOut: number;
  simplified: ImportSimplifications;
  notes: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The Pod objects of every value: a List/PodList's items, or a single Pod. */
function podItems(values: unknown[], fileName: string): unknown[] {
  const items: unknown[] = [];
  for (const v of values) {
    if (!isObject(v)) throw new TraceImportError('not a kubectl pod list: expected an object with "kind": "List" and "items"', fileName);
    if (v.kind === 'Pod') items.push(v);
    else if ((v.kind === 'List' || v.kind === 'PodList') && Array.isArray(v.items)) items.push(...v.items);
    else throw new TraceImportError(`not a kubectl pod list: "kind" is ${JSON.stringify(v.kind ?? null)} (expected "List" from kubectl get pods -A -o json)`, fileName);
  }
  return items;
}

interface Requests {
  cpu: number;
  memory: number;
  /** Extended resources asked for (GPUs and others), by name. */
  other: string[];
  problem: string | null;
}

/** Requests of a list of containers: summed, or (init containers) the largest of each. */
function containerRequests(containers: unknown, combine: 'sum' | 'max'): Requests {
  const r: Requests = { cpu: 0, memory: 0, other: [], problem: null };
  if (!Array.isArray(containers)) return r;
  for (const c of containers) {
    const requests = isObject(c) && isObject(c.resources) && isObject(c.resources.requests) ? c.resources.requests : {};
    const name = isObject(c) ? str(c.name) : '';
    let cpu = 0;
    let memory = 0;
    for (const [resource, q] of Object.entries(requests)) {
      const text = typeof q === 'number' ? String(q) : str(q);
      if (resource === 'cpu') {
        cpu = parseCpuMillicores(text, 'cores');
        if (!Number.isFinite(cpu)) r.problem ??= `container "${name}": cpu request "${text}" is not a quantity`;
      } else if (resource === 'memory') {
        memory = parseMemoryMiB(text, 'bytes');
        if (!Number.isFinite(memory)) r.problem ??= `container "${name}": memory request "${text}" is not a quantity`;
      } else if (+text > 0 || parseCpuMillicores(text, 'cores') > 0) r.other.push(resource);
    }
    if (combine === 'sum') {
      r.cpu += cpu;
      r.memory += memory;
    } else {
      r.cpu = Math.max(r.cpu, cpu);
      r.memory = Math.max(r.memory, memory);
    }
  }
  return r;
}

export function importKubectlPods(values: unknown[], fileName: string, options: { namespace: string | null }, rejections: JsonIssueLog, warnings: JsonIssueLog): KubectlPodsOutcome {
  const items = podItems(values, fileName);
  const builder = new PodTableBuilder();
  const phases = new Map<string, number>();
  const gpuResources = new Set<string>();
  const otherResources = new Set<string>();
  let accepted = 0;
  let filteredOut = 0;
  let withoutCpuRequest = 0;
  let finished = 0;
  let pending = 0;
  let gpuPods = 0;
  let withInit = 0;
  let firstStart = Infinity;
  let lastStart = -Infinity;

  items.forEach((pod, i) => {
    if (!isObject(pod) || pod.kind !== 'Pod') {
      rejections.add('not a Pod', `item ${i + 1}`);
      return;
    }
    const meta = isObject(pod.metadata) ? pod.metadata : {};
    const spec = isObject(pod.spec) ? pod.spec : {};
    const status = isObject(pod.status) ? pod.status : {};
    const namespace = str(meta.namespace) || 'default';
    const who = `pod ${namespace}/${str(meta.name) || `(item ${i + 1})`}`;
    const phase = str(status.phase) || '(no phase)';
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
    if (options.namespace !== null && namespace !== options.namespace) {
      filteredOut++;
      return;
    }
    if (phase !== 'Running' && phase !== 'Pending') {
      // Succeeded and Failed pods hold no requests any more; Unknown is a lost node's pod.
      finished++;
      filteredOut++;
      return;
    }
    const app = containerRequests(spec.containers, 'sum');
    const init = containerRequests(spec.initContainers, 'max');
    const overhead = containerRequests([{ resources: { requests: isObject(spec.overhead) ? spec.overhead : {} } }], 'sum');
    const problem = app.problem ?? init.problem ?? overhead.problem;
    if (problem) {
      rejections.add(problem.replace(/^container "[^"]*": /, ''), `${who}, ${problem.split(':')[0]}`);
      return;
    }
    if (init.cpu > app.cpu || init.memory > app.memory) withInit++;
    const cpu = Math.max(app.cpu, init.cpu) + overhead.cpu;
    const memory = Math.max(app.memory, init.memory) + overhead.memory;
    if (!(cpu > 0)) {
      withoutCpuRequest++;
      filteredOut++;
      return;
    }
    if (!(memory > 0)) warnings.add('no memory request', who);
    const other = [...app.other, ...init.other];
    for (const r of other) (/gpu/i.test(r) ? gpuResources : otherResources).add(r);
    if (other.some((r) => /gpu/i.test(r))) gpuPods++;
    if (phase === 'Pending') pending++;
    const started = parseDateTime(str(status.startTime) || str(meta.creationTimestamp));
    if (Number.isFinite(started)) {
      firstStart = Math.min(firstStart, started);
      lastStart = Math.max(lastStart, started);
    }
    accepted++;
    builder.add(0, STEADY_SECONDS, cpu, memory, builder.classId(namespace));
  });

  const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const phaseList = [...phases].map(([p, n]) => `${n} ${p}`).join(', ');
  const notes = [
    `kubectl pod list (snapshot): ${items.length} pods (${phaseList || 'none'}); Running and Pending pods are kept, the others hold no requests`,
    `requests: the sum of spec.containers[].resources.requests (or the largest init container's, if more) plus spec.overhead; cpu "500m" = 500 millicores, "2" = 2 cores; memory "512Mi", "1G" or bytes`,
    `a snapshot is a steady workload: every pod arrives at the horizon start and runs past the horizon; class = namespace`,
  ];
  if (Number.isFinite(firstStart)) notes.push(`start times from ${iso(firstStart)} to ${iso(lastStart)} (reported only: the replay starts them all at once)`);
  if (withInit) notes.push(`${withInit} pods request more in an init container than in their containers: the init container's request counts, as for the scheduler`);
  if (otherResources.size) notes.push(`other resources not modelled, left out: ${[...otherResources].join(', ')}`);
  return {
    table: builder.finish(),
    // The snapshot's own time is not in the file; the latest start is the closest to it.
    origin: Number.isFinite(lastStart) ? lastStart : 0,
    pods: items.length,
    accepted,
    filteredOut,
    simplified: {
      endAtTraceEnd: 0,
      neverScheduled: { count: pending, columns: ['status.phase'] },
      gpu: gpuResources.size ? { columns: [...gpuResources], podsRequesting: gpuPods } : null,
      withoutCpuRequest,
      finished,
    },
    notes,
  };
}
