import { describe, expect, it } from 'vitest';
import { detectLayout, unitQuestions } from '../../src/trace/detect.ts';
import { importTraceText } from '../../src/trace/importer.ts';
import { guessCpuUnit, guessMemoryUnit } from '../../src/trace/unitGuess.ts';

const cpu = (...values: (number | string)[]) => guessCpuUnit(['cpu', 'request'], values.map(String));
const memory = (...values: (number | string)[]) => guessMemoryUnit(['memory', 'request'], values.map(String));

describe('guessCpuUnit: the unit of a CPU column whose name has none', () => {
  it('reads whole numbers from 8 to 96 as cores (8m to 96m would be too small for pods)', () => {
    expect(cpu(8, 12, 48, 64, 96)).toMatchObject({ unit: 'cores', ambiguous: false, confidence: 'high' });
  });
  it('reads quarter and half values as cores', () => {
    expect(cpu(0.25, 0.5, 2)).toMatchObject({ unit: 'cores', ambiguous: false, confidence: 'high' });
  });
  it('reads multiples of 50 from 100 to 4000 as millicores (4000 cores fits no machine)', () => {
    expect(cpu(100, 250, 500, 1000, 4000)).toMatchObject({ unit: 'millicores', ambiguous: false, confidence: 'high' });
  });
  it('reads Kubernetes quantities ("500m" next to "2") as cores with an m suffix for millicores', () => {
    expect(cpu('500m', '2')).toMatchObject({ unit: 'cores', ambiguous: false });
  });
  it('finds a column mixing 2 and 2000 ambiguous, and says why', () => {
    const g = cpu(2, 2000, 2, 2000);
    expect(g.ambiguous).toBe(true);
    expect(g.confidence).toBe('low');
    expect(new Set(g.choices)).toEqual(new Set(['cores', 'millicores']));
    expect(g.reason).toContain('2000 cores');
    expect(g.reason).toContain('2 millicores');
  });
  it('takes a unit in the name over the values, but says when the values disagree', () => {
    expect(guessCpuUnit(['cpu', 'milli'], ['1'])).toMatchObject({ unit: 'millicores', confidence: 'medium' });
    expect(guessCpuUnit(['cpu', 'cores'], ['0.5', '2'])).toMatchObject({ unit: 'cores', confidence: 'high', reason: 'from its name' });
    expect(guessCpuUnit(['cpu', 'cores'], ['500', '1000']).reason).toMatch(/look like millicores/);
  });
});

describe('guessMemoryUnit: the unit of a memory column whose name has none', () => {
  it('reads 40.0, 120.0, 480.0 as GiB (written with decimals, not the MiB steps)', () => {
    expect(memory('40.0', '120.0', '480.0')).toMatchObject({ unit: 'GiB', ambiguous: false, confidence: 'high' });
  });
  it('reads 8, 16, 32, 64 as GiB (8 MiB is no pod)', () => {
    expect(memory(8, 16, 32, 64)).toMatchObject({ unit: 'GiB', ambiguous: false, confidence: 'high' });
  });
  it('reads 512, 1024, 2048, 16384 as MiB (16384 GiB fits no machine)', () => {
    expect(memory(512, 1024, 2048, 16384)).toMatchObject({ unit: 'MiB', ambiguous: false, confidence: 'high' });
  });
  it('reads values around 1e8 to 1e11 as bytes', () => {
    expect(memory(100_000_000, 536_870_912, 4_294_967_296, 25_000_000_000, 100_000_000_000)).toMatchObject({ unit: 'bytes', ambiguous: false, confidence: 'high' });
    expect(memory('1e8', '2.5e10', '1e11')).toMatchObject({ unit: 'bytes', ambiguous: false });
  });
  it('reads Kubernetes quantities ("512Mi", "2Gi") by their suffix; plain numbers next to them are bytes', () => {
    expect(memory('512Mi', '2Gi')).toMatchObject({ unit: 'bytes', ambiguous: false });
  });
  it('finds a column mixing 2 and 16384 ambiguous', () => {
    expect(memory(2, 16384)).toMatchObject({ ambiguous: true, confidence: 'low' });
  });
});

describe('detectLayout with a cores / GiB pod list (issue 13)', () => {
  const header = ['pod', 'start_time', 'end_time', 'cpu_request', 'memory_request'];
  const rows = [
    ['a', '0', '3600', '8', '40.0'],
    ['b', '60', '3600', '12', '120.0'],
    ['c', '120', '3600', '48', '480.0'],
    ['d', '180', '3600', '64', '120.0'],
    ['e', '240', '3600', '96', '480.0'],
  ];
  it('maps cpu_request to cores and memory_request to GiB, with the reason in the notes', () => {
    const d = detectLayout(header, rows);
    expect(d.mapping).toMatchObject({ cpu: { column: 'cpu_request', unit: 'cores' }, memory: { column: 'memory_request', unit: 'GiB' } });
    expect(d.notes.find((n) => n.startsWith('CPU:'))).toMatch(/^CPU: "cpu_request" in cores \(the first \d+ values \(8 to 96\): .*; high confidence\)$/);
    expect(d.notes.find((n) => n.startsWith('memory:'))).toMatch(/^memory: "memory_request" in GiB \(the first \d+ values \(40 to 480\): .*; high confidence\)$/);
    expect(unitQuestions(d)).toEqual([]);
  });
  it('imports the pods 1,000 times bigger than millicores / MiB would make them', () => {
    const text = [header, ...rows].map((r) => r.join(',')).join('\n');
    const { table } = importTraceText(text);
    // By hand: 8 cores = 8000 millicores, 40 GiB = 40 * 1024 MiB.
    expect(Array.from(table.cpu)).toEqual([8000, 12000, 48000, 64000, 96000]);
    expect(Array.from(table.mem)).toEqual([40960, 122880, 491520, 122880, 491520]);
  });
  it('asks about an ambiguous column; an import without a mapping refuses it, naming the column', () => {
    const mixed = [['0', '60', '2', '1024'], ['1', '60', '2000', '2048']];
    const d = detectLayout(['start', 'duration', 'cpu', 'memory'], mixed, 'mixed.csv');
    expect(unitQuestions(d).map((q) => [q.field, q.column])).toEqual([['cpu', 'cpu']]);
    expect(d.notes.find((n) => n.startsWith('CPU:'))).toMatch(/^CPU: "cpu": unit unclear, choose (cores or millicores|millicores or cores)/);
    expect(() => importTraceText('start,duration,cpu,memory\n0,60,2,1024\n1,60,2000,2048\n', undefined, { fileName: 'mixed.csv' })).toThrow(
      /^mixed\.csv: column "cpu": the unit is unclear \(cores or millicores\?\).*give the unit in a column mapping/,
    );
  });
});
