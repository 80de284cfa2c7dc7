import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectClusterExport } from '../../src/trace/clusterExport.ts';
import { importTraceText } from '../../src/trace/importer.ts';
import { importLines } from '../../src/trace/importLines.ts';
import { STEADY_SECONDS } from '../../src/trace/kubectlPods.ts';
import type { TraceImportResult } from '../../src/trace/report.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/cluster/${name}`, import.meta.url)), 'utf8');
const pods = (r: TraceImportResult) =>
  Array.from({ length: r.table.count }, (_, i) => [r.table.arrival[i], r.table.duration[i], r.table.cpu[i], r.table.mem[i], r.table.classNames[r.table.cls[i]]]);

/**
 * prometheus-query-range.json (see test/fixtures/cluster/README.md): range 2024-03-01T08:00:00Z
 * (1709280000) to +600 s, step 60.
 *   web-a (shop): app 0.5 core + sidecar 0.1 core = 600m; 512 + 128 = 640 MiB; created 1709270000,
 *     before the range, and there to its last sample: 0 .. 600, censored at both ends.
 *   job-b (batch): 2 cores, 4 GiB; created 1709280100, completed 1709280330: 100 .. 330.
 *   web-c (shop): 250m, 256 MiB; samples 240..420, no created/completion: 240 .. 420 + 60 = 480.
 *   gpu-d (ml): 4 cores, 16 GiB, 1 nvidia_com_gpu; created 1709280350, there to the end: 350 .. 600.
 *   mem-only-e (shop): a memory request only: counted out.
 */
describe('Prometheus query_range export of kube-state-metrics requests', () => {
  const text = fixture('prometheus-query-range.json');

  it('gives one pod per uid, requests summed over containers, lifetimes from created/completion or the samples', () => {
    const r = importTraceText(text, undefined, { fileName: 'prom.json' });
    expect(r.report).toMatchObject({ layout: 'prometheus-query-range', dataRows: 5, accepted: 4, rejected: 0, filteredOut: 1, origin: 1709280000, pods: 4, censored: { start: 1, end: 2 } });
    expect(pods(r)).toEqual([
      [0, 600, 600, 640, 'shop'],
      [100, 230, 2000, 4096, 'batch'],
      [240, 240, 250, 256, 'shop'],
      [350, 250, 4000, 16384, 'ml'],
    ]);
    expect(r.report.simplified).toEqual({ endAtTraceEnd: 0, neverScheduled: null, gpu: { columns: ['nvidia_com_gpu'], podsRequesting: 1 }, withoutCpuRequest: 1 });
    expect(r.report.notes.join('\n')).toMatch(/step 60 s/);
  });

  it('reads several responses one after another (one per query or time range) as one export', () => {
    const doc = JSON.parse(text) as { data: { result: unknown[] } };
    const half = (from: number, to: number) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: doc.data.result.slice(from, to) } });
    const split = `${half(0, 8)}\n${half(8, 16)}\n`;
    expect(pods(importTraceText(split))).toEqual(pods(importTraceText(text)));
    // A bare data.result array (e.g. from jq .data.result) too.
    expect(pods(importTraceText(JSON.stringify(doc.data.result)))).toEqual(pods(importTraceText(text)));
  });

  it('keeps one namespace with a filter, and refuses other filters', () => {
    const r = importTraceText(text, { kind: 'prometheus-query-range', filter: { column: 'namespace', equals: 'shop' } });
    expect(r.report).toMatchObject({ accepted: 2, filteredOut: 3 });
    expect(() => importTraceText(text, { kind: 'prometheus-query-range', filter: { column: 'node', equals: 'node-1' } }, { fileName: 'p.json' })).toThrow(/^p\.json: filter: .* by namespace only/);
  });

  it('says what is wrong with a response that is not a range query', () => {
    const vector = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } });
    expect(() => importTraceText(vector, undefined, { fileName: 'v.json' })).toThrow(/^v\.json: resultType is "vector" \(an instant query, \/api\/v1\/query: use \/api\/v1\/query_range/);
    const error = JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query"' });
    expect(() => importTraceText(error, undefined, { fileName: 'e.json' })).toThrow('e.json: Prometheus answered with an error (bad_data): invalid parameter "query"');
    expect(() => importTraceText('{"status": "success", "data": ', undefined, { fileName: 'cut.json' })).toThrow(/^cut\.json: not valid JSON/);
    const other = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { __name__: 'up' }, values: [[1, '1']] }] } });
    expect(() => importTraceText(other, undefined, { fileName: 'up.json' })).toThrow(/^up\.json: no samples of kube_pod_container_resource_requests.*; it holds up$/);
  });

  it('rejects a series with a value that is not a number, naming it; strict mode stops there', () => {
    const bad = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: { __name__: 'kube_pod_container_resource_requests', namespace: 'a', pod: 'p', uid: 'u', container: 'c', resource: 'cpu', unit: 'core' }, values: [[100, 'NaNish']] }] },
    });
    expect(() => importTraceText(bad, undefined, { fileName: 'b.json', strict: true })).toThrow('b.json: series kube_pod_container_resource_requests{namespace="a", pod="p", container="c", resource="cpu"}: value "NaNish" is not a number');
  });

  it('is detected from the head of the file for the import dialog', () => {
    expect(detectClusterExport(text.slice(0, 200))?.layout).toBe('prometheus-query-range');
    expect(detectClusterExport(fixture('kubectl-pods.json').slice(0, 300))?.layout).toBe('kubectl-pods');
    expect(detectClusterExport('{"a": 1}')).toBeNull();
  });
});

/**
 * kubectl-pods.json, a `kubectl get pods -A -o json` List of 7 pods:
 *   shop/web-a Running: 500m + 100m = 600m, 512Mi + 128Mi = 640 MiB.
 *   batch/job-b Succeeded: holds nothing, counted out.
 *   shop/web-c Pending (never scheduled, no startTime): 250m, 256 MiB.
 *   ml/gpu-d Running: 4 cores, 16Gi = 16384 MiB, nvidia.com/gpu 1 (dropped).
 *   kube-system/init-f Running: container 200m / 2Gi, init container 1 / 1Gi -> max: 1000m, 2048
 *     MiB; plus overhead 250m / 120Mi: 1250m, 2168 MiB.
 *   shop/besteffort-g Running, no requests: counted out.
 *   shop/typo-h Running, memory "512m" (milli-bytes, surely a typo): rejected.
 * All kept pods arrive at 0 and run STEADY_SECONDS. Origin: the latest start, web-c's
 * creationTimestamp 2024-03-01T07:55:00Z = 1709251200 + 7 h 55 min = 1709279700.
 */
describe('kubectl get pods -A -o json snapshot', () => {
  const text = fixture('kubectl-pods.json');

  it('keeps Running and Pending pods with the scheduler\'s requests, as a steady workload from the start', () => {
    const r = importTraceText(text, undefined, { fileName: 'pods.json' });
    expect(r.report).toMatchObject({ layout: 'kubectl-pods', dataRows: 7, accepted: 4, rejected: 1, filteredOut: 2, origin: 1709279700, pods: 4 });
    expect(pods(r)).toEqual([
      [0, STEADY_SECONDS, 600, 640, 'shop'],
      [0, STEADY_SECONDS, 250, 256, 'shop'],
      [0, STEADY_SECONDS, 4000, 16384, 'ml'],
      [0, STEADY_SECONDS, 1250, 2168, 'kube-system'],
    ]);
    expect(STEADY_SECONDS).toBeGreaterThan(366 * 86400);
    expect(r.report.rejections).toEqual([{ reason: 'memory request "512m" is not a quantity', count: 1, examples: [{ line: 0, text: 'pod shop/typo-h, container "app"' }] }]);
    expect(r.report.simplified).toEqual({
      endAtTraceEnd: 0,
      neverScheduled: { count: 1, columns: ['status.phase'] },
      gpu: { columns: ['nvidia.com/gpu'], podsRequesting: 1 },
      withoutCpuRequest: 1,
      finished: 1,
    });
    expect(r.report.mapping).toEqual({ kind: 'kubectl-pods', header: true, keepTimeOfDay: false });
  });

  it('says on the CLI what it read and what it simplified', () => {
    const r = importTraceText(text, undefined, { fileName: 'pods.json' });
    expect(importLines(r.report)).toEqual([
      'mode: kubectl pod list (a snapshot): Running and Pending pods with their requests, a steady workload from the horizon start, running past the horizon (from the JSON)',
      '4 of 7 items accepted as pods, 1 rejected, 2 filtered out',
      '1 pod never scheduled in the source (status.phase Pending) is replayed as an ordinary pod that arrives and asks for room',
      '1 pod not Running or Pending (Succeeded, Failed, Unknown) left out: they hold no requests (counted in filtered out)',
      '1 pod without a CPU request (BestEffort, or memory only) left out: they ask the scheduler for no CPU (counted in filtered out)',
      'GPU requests dropped (nvidia.com/gpu): 1 pod asked for GPUs and is replayed with CPU and memory only',
    ]);
  });

  it('refuses a CSV mapping for a JSON file and a JSON mapping for a CSV file', () => {
    expect(() => importTraceText(text, { kind: 'pods', start: { column: 'a', format: 'seconds' }, duration: { column: 'b', unit: 'seconds' }, defaultPod: { cpuMillicores: 1, memoryMiB: 1 } }, { fileName: 'pods.json' })).toThrow(/^pods\.json: the file is JSON, but the mapping is for CSV columns/);
    expect(() => importTraceText('a,b\n1,2\n', { kind: 'kubectl-pods' }, { fileName: 'x.csv' })).toThrow(/^x\.csv: the mapping is for a JSON export \(kind "kubectl-pods"\), but the file is not JSON/);
  });

  it('names what is not a pod list', () => {
    expect(() => importTraceText('{"kind": "Deployment"}', undefined, { fileName: 'd.json' })).toThrow('d.json: a Kubernetes "Deployment", not a pod list: export pods with kubectl get pods -A -o json, or pod requests with a Prometheus query_range (see the README)');
    expect(() => importTraceText('{"hello": "world"}', undefined, { fileName: 'h.json' })).toThrow('h.json: not a Prometheus query response: no "data.resultType"');
  });
});
