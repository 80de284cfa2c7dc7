import { describe, expect, it } from 'vitest';
import { canonicalCsvRows, missingTraces, withTraceRows } from '../../src/app/share/traceFiles.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { decodeLink, encodeLink, rowsToCsv, verifyTraceFile } from '../../src/share/index.ts';
import { builtins } from '../share/builtins.ts';

const rows = (n: number) => Array.from({ length: n }, (_, i) => [i * 10, 600, 500, 1024, i % 3 ? 'web' : 'a,"b"'] as [number, number, number, number, string]);

describe('links whose trace travels by fingerprint', () => {
  it('asks for the file, verifies it and gets the same scenario back', async () => {
    const original = parseScenario({ schemaVersion: 1, name: 't', workload: [{ type: 'trace', name: 'pods', rows: rows(500) }], strategies: [{ kind: 'serverless', name: 'F', serverless: {} }] });
    const { fragment } = await encodeLink(original);
    const back = await decodeLink(fragment);
    if (!back.ok) throw new Error(back.message);
    const missing = missingTraces(back.scenario);
    expect(missing).toEqual([{ index: 0, name: 'pods', fingerprint: expect.objectContaining({ rows: 500 }) }]);
    const csv = rowsToCsv(rows(500));
    expect(await verifyTraceFile(csv.replace(/\n/g, '\r\n'), missing[0].fingerprint)).toEqual({ ok: true });
    expect((await verifyTraceFile(csv.replace('600', '601'), missing[0].fingerprint)).ok).toBe(false);
    const parsed = canonicalCsvRows(csv);
    expect(parsed).toEqual(rows(500));
    const reopened = withTraceRows(back.scenario, 0, parsed);
    expect(missingTraces(reopened)).toEqual([]);
    expect(parseScenario(JSON.parse(JSON.stringify(reopened))).workload[0]).toMatchObject({ rows: rows(500) });
  });

  it('four-column traces come back without a class column', () => {
    expect(canonicalCsvRows('arrival_s,duration_s,cpu_m,mem_mib\n0,60,250,512\n')).toEqual([[0, 60, 250, 512]]);
    expect(() => canonicalCsvRows('h\nx,1,2,3\n')).toThrow(/line 2/);
  });
});

describe('link lengths of the built-in scenarios', () => {
  it('every built-in encodes to a link that decodes to itself (lengths logged for the report)', async () => {
    const lengths: string[] = [];
    for (const { file, scenario } of builtins) {
      const { fragment } = await encodeLink(scenario);
      lengths.push(`${file}: ${fragment.length}`);
      const back = await decodeLink(fragment);
      expect(back.ok, file).toBe(true);
      expect(fragment.length, file).toBeLessThan(4000);
    }
    console.log(`link fragment lengths: ${lengths.join('; ')}`);
  });
});
