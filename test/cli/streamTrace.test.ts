import * as fs from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadScenarioFile } from '../../src/cli/loadScenarioFile.ts';
import { importTraceText } from '../../src/trace/importer.ts';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, readFileSync: vi.fn(real.readFileSync), readSync: vi.fn(real.readSync) };
});

/**
 * Issue 18 item 6: a trace over ~512 MB failed with "Cannot create a string longer than
 * 0x1fffffe8 characters" because the CLI read the whole file into one string (to check it could
 * be read) before the chunked reader ran. Without writing 512 MB: the trace file must never be
 * read whole, only in bounded chunks.
 */
describe('the CLI streams trace files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-stream-'));
  const rows = Array.from({ length: 2000 }, (_, i) => `${i},60,500,512,web`).join('\n');
  const trace = join(dir, 'big.csv');
  writeFileSync(trace, `arrival_s,duration_s,cpu_m,mem_mib,class\n${rows}\n`);
  const scenario = join(dir, 'replay.json');
  writeFileSync(
    scenario,
    JSON.stringify({ schemaVersion: 1, name: 'replay', horizon: '1d', workload: [{ type: 'trace', name: 't', path: 'big.csv' }], strategies: [{ kind: 'serverless', name: 'f', serverless: { preset: 'aws-fargate' } }] }),
  );

  it('reads a trace named by the scenario or by --trace in chunks, never with readFileSync', () => {
    const readFileSync = vi.mocked(fs.readFileSync);
    const readSync = vi.mocked(fs.readSync);
    for (const options of [{}, { trace: trace }]) {
      readFileSync.mockClear();
      readSync.mockClear();
      const { traces } = loadScenarioFile(scenario, options);
      expect([...traces.values()][0].count).toBe(2000);
      const wholeReads = readFileSync.mock.calls.filter(([path]) => String(path) === trace);
      expect(wholeReads).toEqual([]);
      expect(readSync).toHaveBeenCalled();
      // Every read is bounded (4 MiB), whatever the file's size.
      for (const call of readSync.mock.calls) expect((call as unknown[])[3]).toBeLessThanOrEqual(4 << 20);
    }
  });

  it('a missing trace still gives one line naming the file', () => {
    expect(() => loadScenarioFile(scenario, { trace: join(dir, 'nope.csv') })).toThrow(`${join(dir, 'nope.csv')}: cannot read the trace: no such file`);
  });
});

describe('more than 65,536 distinct classes', () => {
  it('stop with file:line and a hint that the class column holds ids', () => {
    // Classes c0 .. c65536 on lines 2 .. 65538: the 65,537th distinct class is on line 65,538.
    const lines = Array.from({ length: 65_537 }, (_, i) => `${i},60,500,512,c${i}`);
    const text = `arrival_s,duration_s,cpu_m,mem_mib,class\n${lines.join('\n')}\n`;
    expect(() => importTraceText(text, undefined, { fileName: 'ids.csv' })).toThrow(/^ids\.csv:65538: more than 65,536 distinct pod classes \(at "c65536"\): the class column "class" looks like an id/);
  });
});
