import { PodTableBuilder, type PodTable } from '../workload/podTable.ts';
import { TraceImportError } from './errors.ts';
import { isObject, JsonIssueLog } from './jsonTrace.ts';
import type { ImportSimplifications } from './simplifications.ts';
import { DAY_SECONDS } from './time.ts';

/**
 * Pods from Prometheus' HTTP API `query_range` responses (resultType "matrix") on
 * kube-state-metrics series, as the README recipe fetches them (one selector,
 * {__name__=~"kube_pod_container_resource_requests|kube_pod_created|kube_pod_completion_time"}):
 *
 *   kube_pod_container_resource_requests  (labels namespace, pod, uid,
 *     container, node, resource, unit = "core" | "byte"; one series per container and resource)
 *   kube_pod_created, kube_pod_completion_time  (labels namespace, pod, uid; value = unix seconds)
 *
 * One pod per pod UID (namespace/pod when a series has no uid), its CPU and memory requests the
 * sum over its containers (each container's largest value in the range, should it have been
 * resized). The pod runs from kube_pod_created (else its first sample) to kube_pod_completion_time
 * (else one query step after its last sample: the series stops within a scrape of the pod's
 * deletion). Pods present at the first or last sample of the range were running before or after
 * it: they start at the range start or run to its end, and are counted as censored. Class = the
 * namespace.
 *
 * Accepted input: a response envelope ({"status":"success","data":{"resultType":"matrix",...}}), a
 * bare `data.result` array, or several of either one after another (one per query or time range).
 */

const REQUESTS = 'kube_pod_container_resource_requests';
const CREATED = 'kube_pod_created';
const COMPLETED = 'kube_pod_completion_time';

export interface PromQueryRangeOutcome {
  table: PodTable;
  origin: number;
  /** Pods found (UIDs with a request series): accepted + rejected + filtered out. */
  pods: number;
  accepted: number;
  filteredOut: number;
  censored: { start: number; end: number };
  simplified: ImportSimplifications;
  notes: string[];
  /** Query step inferred from the samples, seconds. */
  step: number;
  /** First and last sample time of the range (unix seconds). */
  range: { start: number; end: number };
}

interface PodSeen {
  name: string;
  namespace: string;
  first: number;
  last: number;
  /** Largest request per container, by resource. */
  cpu: Map<string, number>;
  memory: Map<string, number>;
  gpu: boolean;
  created: number;
  completed: number;
}

interface Series {
  metric: Record<string, unknown>;
  values: unknown[];
}

/** Every series of every response, or a message saying why a value is not a range-query answer. */
function seriesOf(values: unknown[], fileName: string): Series[] {
  const out: Series[] = [];
  values.forEach((v, i) => {
    const where = values.length > 1 ? `response ${i + 1}: ` : '';
    let result: unknown = v;
    if (isObject(v)) {
      if (v.status === 'error') throw new TraceImportError(`${where}Prometheus answered with an error (${String(v.errorType ?? '')}): ${String(v.error ?? '')}`, fileName);
      const data = v.data;
      if (!isObject(data) || !('resultType' in data)) throw new TraceImportError(`${where}not a Prometheus query response: no "data.resultType"`, fileName);
      if (data.resultType !== 'matrix') {
        const hint = data.resultType === 'vector' ? ' (an instant query, /api/v1/query: use /api/v1/query_range with start, end and step)' : '';
        throw new TraceImportError(`${where}resultType is "${String(data.resultType)}"${hint}; Spillway reads range queries (resultType "matrix")`, fileName);
      }
      result = data.result;
    }
    if (!Array.isArray(result)) throw new TraceImportError(`${where}"data.result" is not a list of series`, fileName);
    result.forEach((s, j) => {
      if (!isObject(s) || !isObject(s.metric) || !Array.isArray(s.values)) throw new TraceImportError(`${where}series ${j + 1} has no "metric" object and "values" list`, fileName);
      out.push({ metric: s.metric, values: s.values });
    });
  });
  return out;
}

const label = (m: Record<string, unknown>, k: string) => (typeof m[k] === 'string' ? (m[k] as string) : '');

export function importPromQueryRange(values: unknown[], fileName: string, options: { keepTimeOfDay: boolean; namespace: string | null }, rejections: JsonIssueLog, warnings: JsonIssueLog): PromQueryRangeOutcome {
  const series = seriesOf(values, fileName);
  const pods = new Map<string, PodSeen>();
  const otherNames = new Map<string, number>();
  const otherResources = new Map<string, number>();
  let withoutUid = 0;
  let rangeStart = Infinity;
  let rangeEnd = -Infinity;
  let step = Infinity;

  const podOf = (m: Record<string, unknown>): PodSeen => {
    const uid = label(m, 'uid');
    const namespace = label(m, 'namespace');
    const name = label(m, 'pod');
    if (!uid) withoutUid++;
    const key = uid || `${namespace}/${name}`;
    let p = pods.get(key);
    if (!p) {
      p = { name, namespace, first: Infinity, last: -Infinity, cpu: new Map(), memory: new Map(), gpu: false, created: NaN, completed: NaN };
      pods.set(key, p);
    }
    return p;
  };
  const item = (m: Record<string, unknown>) => `series ${label(m, '__name__') || '(no name)'}{namespace="${label(m, 'namespace')}", pod="${label(m, 'pod')}"${label(m, 'container') ? `, container="${label(m, 'container')}"` : ''}${label(m, 'resource') ? `, resource="${label(m, 'resource')}"` : ''}}`;

  for (const s of series) {
    const m = s.metric;
    const name = label(m, '__name__');
    if (name !== REQUESTS && name !== CREATED && name !== COMPLETED) {
      otherNames.set(name || '(no __name__)', (otherNames.get(name || '(no __name__)') ?? 0) + 1);
      continue;
    }
    // Samples: [unix seconds, "value"]; the step is the smallest gap between samples.
    let first = Infinity;
    let last = -Infinity;
    let largest = -Infinity;
    let previous = NaN;
    let bad = '';
    for (const sample of s.values) {
      if (!Array.isArray(sample) || sample.length !== 2 || typeof sample[0] !== 'number' || typeof sample[1] !== 'string') {
        bad = `a sample is not [time, "value"]: ${JSON.stringify(sample)}`;
        break;
      }
      const t = sample[0];
      const v = Number(sample[1]);
      if (!Number.isFinite(v)) {
        bad = `value "${sample[1]}" is not a number`;
        break;
      }
      if (t - previous > 0) step = Math.min(step, t - previous);
      previous = t;
      first = Math.min(first, t);
      last = Math.max(last, t);
      largest = Math.max(largest, v);
    }
    if (bad) {
      rejections.add(bad, item(m));
      continue;
    }
    if (s.values.length === 0) continue;
    rangeStart = Math.min(rangeStart, first);
    rangeEnd = Math.max(rangeEnd, last);
    if (name === CREATED || name === COMPLETED) {
      const p = podOf(m);
      if (name === CREATED) p.created = largest;
      else p.completed = largest;
      continue;
    }
    const resource = label(m, 'resource');
    const unit = label(m, 'unit');
    const container = label(m, 'container');
    if (resource === 'cpu' || resource === 'memory') {
      const expected = resource === 'cpu' ? 'core' : 'byte';
      if (unit !== expected) {
        rejections.add(`unit "${unit}" for ${resource} (kube-state-metrics writes "${expected}")`, item(m));
        continue;
      }
    }
    const p = podOf(m);
    p.first = Math.min(p.first, first);
    p.last = Math.max(p.last, last);
    if (resource === 'cpu') p.cpu.set(container, Math.max(p.cpu.get(container) ?? 0, largest));
    else if (resource === 'memory') p.memory.set(container, Math.max(p.memory.get(container) ?? 0, largest));
    else {
      // GPUs (nvidia_com_gpu, amd_com_gpu...) and other resources are not modelled.
      if (/gpu/i.test(resource)) p.gpu = p.gpu || largest > 0;
      otherResources.set(resource, (otherResources.get(resource) ?? 0) + 1);
    }
  }

  if (!Number.isFinite(rangeStart)) throw new TraceImportError(`no samples of ${REQUESTS}, ${CREATED} or ${COMPLETED} in the file${otherNames.size ? `; it holds ${[...otherNames.keys()].slice(0, 5).join(', ')}` : ''}`, fileName);
  if (!Number.isFinite(step)) step = 0;

  const builder = new PodTableBuilder();
  let accepted = 0;
  let filteredOut = 0;
  let withoutCpuRequest = 0;
  let censoredStart = 0;
  let censoredEnd = 0;
  let gpuPods = 0;
  let counted = 0;
  for (const p of pods.values()) {
    // Pods only known from kube_pod_created / completion_time (no request series) are not pods of this export.
    if (p.cpu.size === 0 && p.memory.size === 0 && !Number.isFinite(p.first)) continue;
    counted++;
    const who = `pod ${p.namespace}/${p.name}`;
    if (options.namespace !== null && p.namespace !== options.namespace) {
      filteredOut++;
      continue;
    }
    let cpu = 0;
    for (const v of p.cpu.values()) cpu += v;
    let memBytes = 0;
    for (const v of p.memory.values()) memBytes += v;
    if (!(cpu > 0)) {
      withoutCpuRequest++;
      filteredOut++;
      continue;
    }
    if (!(memBytes > 0)) warnings.add('no memory request', who);
    // Start: creation time when given, else the first sample. A pod created before the range,
    // or (without a creation time) there at its first sample, was already running: it starts at
    // the range start, censored.
    const createdKnown = Number.isFinite(p.created);
    const before = createdKnown ? p.created < rangeStart : p.first <= rangeStart;
    const start = before ? rangeStart : createdKnown ? p.created : p.first;
    if (before) censoredStart++;
    let end: number;
    if (Number.isFinite(p.completed)) end = Math.min(p.completed, rangeEnd);
    else if (p.last >= rangeEnd) {
      end = rangeEnd;
      censoredEnd++;
    } else end = Math.min(p.last + step, rangeEnd);
    if (end < start) end = start;
    accepted++;
    if (p.gpu) gpuPods++;
    builder.add(start, end - start, cpu * 1000, memBytes / (1024 * 1024), builder.classId(p.namespace || 'default'));
  }
  const origin = options.keepTimeOfDay ? Math.floor(rangeStart / DAY_SECONDS) * DAY_SECONDS : rangeStart;
  const table = builder.finish();
  for (let i = 0; i < table.count; i++) table.arrival[i] -= origin;

  const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const notes = [
    `Prometheus query_range export: ${series.length} series, range ${iso(rangeStart)} to ${iso(rangeEnd)}, step ${step} s (the smallest gap between samples)`,
    `CPU from ${REQUESTS}{resource="cpu", unit="core"} in cores (x 1000 = millicores), memory from resource="memory", unit="byte" in bytes (/ 2^20 = MiB), summed over each pod's containers`,
    `pods told apart by their uid label; ${counted} pods; class = namespace`,
    `lifetimes: ${CREATED} and ${COMPLETED} where present, else from the first sample to one step after the last`,
  ];
  if (withoutUid) notes.push(`${withoutUid} series have no uid label: their pods are told apart by namespace/pod, so a pod recreated under the same name merges with the old one`);
  if (otherResources.size) notes.push(`other resources not modelled, left out: ${[...otherResources].map(([r, n]) => `${r} (${n} series)`).join(', ')}`);
  if (otherNames.size) notes.push(`series of other metrics ignored: ${[...otherNames].map(([r, n]) => `${r} (${n})`).join(', ')}`);
  const gpuResources = [...otherResources.keys()].filter((r) => /gpu/i.test(r));
  return {
    table,
    origin,
    pods: counted,
    accepted,
    filteredOut,
    censored: { start: censoredStart, end: censoredEnd },
    simplified: { endAtTraceEnd: 0, neverScheduled: null, gpu: gpuResources.length ? { columns: gpuResources, podsRequesting: gpuPods } : null, withoutCpuRequest },
    notes,
    step,
    range: { start: rangeStart, end: rangeEnd },
  };
}
