import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../src/trace/readFile.node.ts';
import { summarizeTrace } from '../../src/trace/summary.ts';

/**
 * The real public traces, when this machine has them (they are not part of the repository, and
 * the project never reads them at run time). Expected counts were worked out independently of the
 * importer, with awk and a separate Python script over the same files.
 */
const TRACES = '/work/shared/traces';
const OPENB = `${TRACES}/alibaba-openb-2023/openb_pod_list_default.csv`;
const QPS = `${TRACES}/alibaba-genai-2026/qps.csv`;
const LORA = `${TRACES}/alibaba-genai-2026/lora_request_trace.csv`;
const absent = (path: string) => {
  if (existsSync(path)) return false;
  console.warn(`skipping: ${path} is not on this machine`);
  return true;
};

describe('real traces', () => {
  it.skipIf(absent(OPENB))('Alibaba openb pod list: all 8,152 pods, dirty rows flagged not lost', () => {
    const result = readTraceFile(OPENB);
    const { report } = result;
    expect(report.layout).toBe('alibaba-openb');
    // awk -F, '$10==12902960' -> 34 pods end at the trace end (cut there, not blank).
    expect(report).toMatchObject({ dataRows: 8152, accepted: 8152, rejected: 0, filteredOut: 0, censored: { start: 0, end: 34 }, origin: 0, pods: 8152 });
    // awk -F, '$8=="Pending"' -> 897 (the same rows as a blank scheduled_time); '$4>0 || $5>0' -> 7,064 asked for GPUs.
    expect(report.simplified).toEqual({ endAtTraceEnd: 34, neverScheduled: { count: 897, columns: ['pod_phase'] }, gpu: { columns: ['num_gpu', 'gpu_milli', 'gpu_spec'], podsRequesting: 7064 } });
    // awk -F, '$3==0' -> openb-pod-1523 (line 1525); creation == deletion -> openb-pod-7285 (line 7287).
    expect(report.warnings).toEqual([
      { reason: 'zero duration', count: 1, examples: [{ line: 7287, text: 'openb-pod-7285,8000,30517,1,230,,BE,Pending,12774042,12774042,' }] },
      { reason: 'zero memory', count: 1, examples: [{ line: 1525, text: 'openb-pod-1523,14000,0,1,1000,,Burstable,Succeeded,10611842,10615828,10611842' }] },
    ]);
    expect(result.table.classNames.sort()).toEqual(['BE', 'Burstable', 'Guaranteed', 'LS']);
    const s = summarizeTrace(result);
    expect(s.span).toEqual({ start: 0, end: 12902960 });
    expect(s.podHours).toBeCloseTo(58511.80638888889, 6);
    expect(s.peakConcurrency).toBe(56);
    expect(s.peakAt).toBe(11821598);
    // The 897 Pending pods are demand too, but a filter can leave them out.
    const running = readTraceFile(OPENB, { ...report.mapping, filter: { column: 'pod_phase', equals: 'Running' } });
    expect(running.report).toMatchObject({ accepted: 5193, filteredOut: 2959, rejected: 0 });
  });

  it.skipIf(absent(QPS))('Alibaba GenAI QPS series through the HPA model', () => {
    const { report, table } = readTraceFile(QPS);
    expect(report.layout).toBe('alibaba-genai-qps');
    const mapping = report.mapping;
    if (mapping.kind !== 'rate') throw new Error('expected a rate mapping');
    expect(report).toMatchObject({ dataRows: 24627, accepted: 24627, rejected: 0, origin: 1662859176 });
    // Capacity 1 per pod, Kubernetes default behaviour (checked with an independent Python model).
    expect(report.rate).toEqual({ samples: 1145, syncs: 5355, peakReplicas: 9, scaleUps: 59, scaleDowns: 68 });
    expect(table.count).toBe(81);
    const podSeconds = table.duration.reduce((a, b) => a + b, 0);
    expect(podSeconds / 3600).toBeCloseTo(81.74666666666667, 9);

    const generative = readTraceFile(QPS, { ...mapping, filter: { column: 'request_type', equals: 'Generative Requests' } });
    expect(generative.report).toMatchObject({ accepted: 23513, filteredOut: 1114, rejected: 0 });
    expect(generative.report.rate).toEqual({ samples: 1023, syncs: 5301, peakReplicas: 7, scaleUps: 35, scaleDowns: 39 });
    expect(generative.table.count).toBe(44);

    const halfCapacity = readTraceFile(QPS, { ...mapping, capacityPerPod: 0.5 });
    expect(halfCapacity.report.rate).toEqual({ samples: 1145, syncs: 5355, peakReplicas: 20, scaleUps: 81, scaleDowns: 105 });
    expect(halfCapacity.table.count).toBe(174);
  });

  it.skipIf(absent(LORA))('Alibaba GenAI request log with a default pod size', () => {
    const result = readTraceFile(LORA);
    const { report } = result;
    expect(report.layout).toBe('alibaba-genai-requests');
    // 2024-11-15 16:57:50 UTC = 1731689870.
    expect(report).toMatchObject({ dataRows: 26823, accepted: 26823, rejected: 0, origin: 1731689870, pods: 26823 });
    expect(report.warnings.map((w) => [w.reason, w.count])).toEqual([['zero duration', 30]]);
    // Two requests happen to end at the last end; with durations (no end column) that is no cut.
    expect(report.censored).toEqual({ start: 0, end: 0 });
    const t = result.table;
    const count = (name: string) => t.cls.filter((c) => t.classNames[c] === name).length;
    expect([count('TXT_2_IMG'), count('IMG_2_IMG'), count('INPAINTING')]).toEqual([24438, 2199, 186]);
    expect(t.cpu.every((c) => c === 1000) && t.mem.every((m) => m === 2048)).toBe(true);
    const s = summarizeTrace(result);
    expect(s.span.end).toBe(1989388);
    expect(s.podHours).toBeCloseTo(213.58305555555555, 9);
    expect(s.peakConcurrency).toBe(22);
  });
});
