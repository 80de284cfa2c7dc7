import { describe, expect, it } from 'vitest';
import { PodTableBuilder } from '../../src/workload/podTable.ts';
import { podsFromReplicas } from '../../src/trace/rateSeries.ts';
import { importTraceText } from '../../src/trace/importer.ts';
import { fixtureText } from './fixtures.ts';

const pod = { cpuMillicores: 500, memoryMiB: 256 };

describe('podsFromReplicas', () => {
  it('starts pods on increases and ends the newest first on decreases', () => {
    // 2 pods at 0, 2 more at 10; down to 3 at 20 (newest, started at 10, lived 10 s);
    // down to 1 at 30 (the other pod of t=10: 20 s; one of t=0: 30 s); the last runs to 50.
    const builder = new PodTableBuilder();
    podsFromReplicas({ times: [0, 10, 20, 30], replicas: [2, 4, 3, 1], syncs: 4 }, 50, pod, builder.classId('svc'), builder);
    const t = builder.finish();
    expect([...t.arrival]).toEqual([0, 0, 10, 10]);
    expect([...t.duration]).toEqual([50, 30, 20, 10]);
    expect([...t.cpu]).toEqual([500, 500, 500, 500]);
    expect([...t.mem]).toEqual([256, 256, 256, 256]);
    expect(t.classNames).toEqual(['svc']);
  });
});

describe('rate-series import', () => {
  const mapping = {
    kind: 'rate' as const,
    time: { column: 'timestamp_anon', format: 'seconds' as const },
    value: { column: 'value' },
    capacityPerPod: 1,
    pod,
    className: 'sd-serving',
  };

  it('sums values per timestamp and autoscales them into pods', () => {
    // Sums: t=1000: 1.5 + 0.5 + 1 = 3; 1060: 4; 1120: 0; 1180: 0 (series end).
    // Starts at 3 pods; the sync at 1060 sees 4 -> 4 pods; at 1120..1165 demand 0 but the
    // 300 s window still holds 4 -> no scale-down before the end.
    const { table, report } = importTraceText(fixtureText('qps-like.csv'), mapping, { fileName: 'qps-like.csv' });
    expect(report.accepted).toBe(6);
    expect(report.rejected).toBe(0);
    expect(report.origin).toBe(1000);
    expect(report.rate).toEqual({ samples: 4, syncs: 12, peakReplicas: 4, scaleUps: 1, scaleDowns: 0 });
    expect([...table.arrival]).toEqual([0, 0, 0, 60]);
    expect([...table.duration]).toEqual([180, 180, 180, 120]);
    expect(table.classNames).toEqual(['sd-serving']);
  });

  it('keeps only the filtered request type', () => {
    // Generative only: 1000: 2; 1060: 4 -> 2 pods from 0, 2 more from 60 (limit max(2+4, 4)).
    const { table, report } = importTraceText(fixtureText('qps-like.csv'), { ...mapping, filter: { column: 'request_type', equals: 'Generative Requests' } });
    expect(report.accepted).toBe(5);
    expect(report.filteredOut).toBe(1);
    expect([...table.arrival]).toEqual([0, 0, 60, 60]);
    expect([...table.duration]).toEqual([180, 180, 120, 120]);
  });

  it('rejects rows without a usable time or value, by reason', () => {
    const text = 'time,value\n0,1\nsoon,1\n15,\n30,-2\n45,many\n60,1\n';
    const { report } = importTraceText(text, { ...mapping, time: { column: 'time', format: 'seconds' } });
    expect(report.accepted).toBe(2);
    expect(report.rejections.map((r) => [r.reason, r.examples.map((e) => e.line)])).toEqual([
      ['negative value', [5]],
      ['time not a number', [3]],
      ['value missing', [4]],
      ['value not a number', [6]],
    ]);
  });
});
