import { describe, expect, it } from 'vitest';
import { importTraceText } from '../../src/trace/importer.ts';
import { importLines, simplificationLines } from '../../src/trace/importLines.ts';
import { fixtureText } from './fixtures.ts';

const OPENB_HEADER = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time';

describe('what a pod-list import simplified', () => {
  it('counts pods whose written end is the trace end as censored at the end (openb writes the cut as deletion_time)', () => {
    // Trace end = 1000 = the latest deletion_time; p1, p2, p3 end there (written, not blank).
    const text = [OPENB_HEADER, 'p0,1000,1024,0,0,,LS,Succeeded,0,400,0', 'p1,1000,1024,0,0,,LS,Running,100,1000,100', 'p2,1000,1024,0,0,,LS,Running,200,1000,200', 'p3,1000,1024,0,0,,LS,Running,300,1000,300'].join('\n');
    const { report } = importTraceText(text);
    expect(report.censored).toEqual({ start: 0, end: 3 });
    expect(report.simplified?.endAtTraceEnd).toBe(3);
    expect(simplificationLines(report)).toContain("3 pods end exactly at the trace's end: taken as still running when the trace was cut, and replayed to that end (censored at end)");
  });

  it('does not count one pod that simply ends last, nor pods given the trace end for a blank end', () => {
    // openb-like.csv: pod-a ends at the trace end 1100 (alone); pod-g has a blank end (censored, 1).
    const { report } = importTraceText(fixtureText('openb-like.csv'), undefined, { fileName: 'openb-like.csv' });
    expect(report.simplified?.endAtTraceEnd).toBe(0);
    expect(report.censored).toEqual({ start: 1, end: 1 });
  });

  it('counts accepted pods the source never scheduled (phase Pending) and GPU requests, naming the dropped columns', () => {
    // Accepted: pod-a (1 GPU, Running), pod-b (1 GPU, Succeeded), pod-c (Pending, 0 GPU), pod-f, pod-g
    // (Running, 0 GPU). pod-d (1 GPU) and pod-e are rejected, so not counted.
    const { report } = importTraceText(fixtureText('openb-like.csv'), undefined, { fileName: 'openb-like.csv' });
    expect(report.simplified).toEqual({
      endAtTraceEnd: 0,
      neverScheduled: { count: 1, columns: ['pod_phase'] },
      gpu: { columns: ['num_gpu', 'gpu_milli', 'gpu_spec'], podsRequesting: 2 },
    });
    expect(importLines(report)).toEqual([
      'mode: pod list, one pod per row (detected layout alibaba-openb)',
      '5 of 7 rows accepted, 2 rejected',
      '1 pod with a blank start was already running when the trace began: replayed from its start (censored at start)',
      '1 pod with a blank end was still running when the trace ended: replayed to its end (censored at end)',
      '1 pod never scheduled in the source (pod_phase Pending) is replayed as an ordinary pod that arrives and asks for room; a filter on pod_phase leaves them out',
      'GPU columns dropped (num_gpu, gpu_milli, gpu_spec): 2 pods asked for GPUs and are replayed with CPU and memory only',
    ]);
  });

  it('without a phase column, a blank scheduled time marks a pod never scheduled', () => {
    const text = 'start,end,cpu_m,mem_mib,scheduled_at\n0,10,100,100,0\n5,20,100,100,\n6,30,100,100,\n';
    const { report } = importTraceText(text);
    expect(report.simplified).toEqual({ endAtTraceEnd: 0, neverScheduled: { count: 2, columns: ['scheduled_at'] }, gpu: null });
  });

  it('a blank scheduled time under a blank start is a pod from before the trace, not one never scheduled', () => {
    // The header and first three rows are real: Alibaba cluster-trace-gpu-v2025
    // disaggregated_DLRM_trace.csv (github.com/alibaba/clusterdata, commit 7a6c496), whose README
    // says creation_time and scheduled_time are NaN (written blank) for instances that existed
    // before the trace began. The last row is made up: created within the trace, never scheduled.
    const header = 'instance_sn,role,app_name,cpu_request,cpu_limit,gpu_request,gpu_limit,rdma_request,rdma_limit,memory_request,memory_limit,disk_request,disk_limit,max_instance_per_node,creation_time,scheduled_time,deletion_time';
    const text = [
      header,
      'instance_0,HN,app_0,12,12,1,1,25,25,120.0,120.0,640.0,800.0,8,,,',
      'instance_7280,CN,app_22,64,64,0,0,1,1,320.0,320.0,544.0,640.0,-1,475.00000000000006,623.0,',
      'instance_7281,CN,app_88,64,64,0,0,1,1,320.0,320.0,255.0,300.0,-1,610.0,683.0,91730.0',
      'made_up,CN,app_88,64,64,0,0,1,1,320.0,320.0,255.0,300.0,-1,700.0,,91730.0',
    ].join('\n');
    const { report } = importTraceText(text);
    expect(report.censored.start).toBe(1);
    expect(report.simplified?.neverScheduled).toEqual({ count: 1, columns: ['scheduled_time'] });
  });

  it('has nothing to say about a plain pod list', () => {
    const { report } = importTraceText(fixtureText('canonical.csv'));
    expect(simplificationLines(report)).toEqual([]);
  });
});
