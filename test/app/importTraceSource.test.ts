import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatPodHours, formatSpan } from '../../src/app/import/importFormat.ts';
import { attributionFor, builtinTraceKey, sourceNameFromFile, sourceNameProblem, traceSourceNames, withTraceSource } from '../../src/app/import/traceSource.ts';

const fingerprint = { rows: 6, sha256: 'ab'.repeat(32) };
const mapping = { kind: 'pods' as const, start: { column: 'a', format: 'seconds' as const }, duration: { column: 'd', unit: 'seconds' as const }, defaultPod: { cpuMillicores: 1, memoryMiB: 1 } };

describe('withTraceSource', () => {
  const doc = { name: 's', workload: [{ type: 'burst', name: 'classes' }, { type: 'trace', name: 'openb pods', path: 'traces/openb-7d.csv', offset: '19h' }] };

  it('adds a new trace source at the end of the workload', () => {
    const next = withTraceSource(doc, { name: 'my pods', mapping, fingerprint });
    expect(next.workload).toEqual([...doc.workload, { type: 'trace', name: 'my pods', mapping, fingerprint }]);
    expect(doc.workload).toHaveLength(2);
  });

  it('replaces a trace source of the same name in place, keeping its offset but not its path', () => {
    const next = withTraceSource(doc, { name: 'openb pods', mapping, fingerprint });
    expect(next.workload).toEqual([doc.workload[0], { type: 'trace', name: 'openb pods', offset: '19h', mapping, fingerprint }]);
  });

  it('creates the workload list when the draft has none', () => {
    expect(withTraceSource({}, { name: 'x', mapping, fingerprint })).toEqual({ workload: [{ type: 'trace', name: 'x', mapping, fingerprint }] });
  });

  it('refuses a name a generator already has', () => {
    expect(sourceNameProblem(doc, 'classes')).toMatch(/generator is already named "classes"/);
    expect(sourceNameProblem(doc, 'openb pods')).toBeNull();
    expect(sourceNameProblem(doc, '  ')).toMatch(/name/);
    expect(traceSourceNames(doc)).toEqual(['openb pods']);
  });
});

describe('names and paths', () => {
  it('names a source after its file', () => {
    expect(sourceNameFromFile('openb_pod_list_default.csv')).toBe('openb_pod_list_default');
    expect(sourceNameFromFile('C:\\traces\\qps.CSV')).toBe('qps');
    expect(sourceNameFromFile('.csv')).toBe('trace');
  });

  it('resolves a scenario path inside scenarios/ only', () => {
    expect(builtinTraceKey('traces/openb-7d.csv')).toBe('/scenarios/traces/openb-7d.csv');
    expect(builtinTraceKey('./traces//openb-7d.csv')).toBe('/scenarios/traces/openb-7d.csv');
    expect(builtinTraceKey('../secret.csv')).toBeNull();
    expect(builtinTraceKey('/etc/passwd')).toBeNull();
  });

  it('reads the openb attribution from scenarios/traces/README.md', () => {
    const readme = readFileSync(new URL('../../scenarios/traces/README.md', import.meta.url), 'utf8');
    expect(attributionFor('openb-7d.csv', readme)).toEqual({
      title: 'derived from the Alibaba GPU-sharing cluster trace (openb pod list)',
      citation: 'Weng et al., "Beware of Fragmentation: Scheduling GPU-Sharing Workloads with Fragmentation Gradient Descent", USENIX ATC \'23.',
    });
    expect(attributionFor('other.csv', readme)).toBeNull();
  });
});

describe('preview formatting', () => {
  it('formats spans, sizes and pod-hours', () => {
    expect(formatSpan(604800)).toBe('7 d');
    expect(formatSpan(93784)).toBe('1 d 2 h');
    expect(formatSpan(7200)).toBe('2 h');
    expect(formatSpan(5400)).toBe('1 h 30 min');
    expect(formatSpan(1200)).toBe('20 min');
    expect(formatSpan(42)).toBe('42 s');
    expect(formatBytes(184)).toBe('184 B');
    expect(formatBytes(35_300_000)).toBe('33.7 MB');
    expect(formatPodHours(58511.80638888889)).toBe('58,511.8');
  });
});
