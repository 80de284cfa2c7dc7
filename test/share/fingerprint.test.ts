import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { decodeLink, encodeLink, fingerprintRows, rowsToCsv, sha256Hex, verifyTraceFile } from '../../src/share/index.ts';

const rows = (n: number) => Array.from({ length: n }, (_, i) => [i * 10, 600, 500, 1024, i % 2 ? 'web' : 'batch'] as [number, number, number, number, string]);
const withTrace = (n: number) =>
  parseScenario({
    schemaVersion: 1,
    name: 'trace',
    workload: [{ type: 'trace', name: 'my pods', rows: rows(n), offset: 3600 }],
    strategies: [{ kind: 'serverless', name: 'Fargate', serverless: {} }],
  });

describe('sha256Hex', () => {
  it('matches the standard test vectors', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('large traces in links', () => {
  it('keeps a small inline trace inline', async () => {
    const s = withTrace(5);
    const { fragment, references } = await encodeLink(s);
    expect(references).toEqual([]);
    expect(await decodeLink(fragment)).toEqual({ ok: true, scenario: s });
  });

  it('replaces a big inline trace by a fingerprint the saved CSV verifies against', async () => {
    const s = withTrace(2000);
    const { fragment, references } = await encodeLink(s);
    expect(fragment.length).toBeLessThan(2000);
    expect(references).toHaveLength(1);
    const back = await decodeLink(fragment);
    if (!back.ok) throw new Error(back.message);
    const source = back.scenario.workload[0];
    expect(source.type === 'trace' && source.rows).toBeFalsy();
    expect(source).toMatchObject({ type: 'trace', name: 'my pods', offset: 3600, fingerprint: { rows: 2000 } });
    const fingerprint = (source as { fingerprint: { rows: number; sha256: string } }).fingerprint;
    expect(fingerprint).toEqual(await fingerprintRows(rows(2000)));

    const csv = rowsToCsv(rows(2000));
    expect(csv.startsWith('arrival_s,duration_s,cpu_m,mem_mib,class\n0,600,500,1024,batch\n')).toBe(true);
    expect(await verifyTraceFile(csv, fingerprint)).toEqual({ ok: true });
    expect(await verifyTraceFile(csv.replace(/\n/g, '\r\n').trimEnd(), fingerprint)).toEqual({ ok: true });
    const other = await verifyTraceFile(csv.replace('0,600,500', '0,601,500'), fingerprint, 'pods.csv');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toMatch(/^pods.csv is not the trace .* 2000 rows/);
  });
});
