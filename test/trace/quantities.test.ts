import { describe, expect, it } from 'vitest';
import { parseCpuMillicores, parseMemoryMiB } from '../../src/trace/quantities.ts';

describe('parseCpuMillicores', () => {
  it('reads plain numbers in the column unit', () => {
    expect(parseCpuMillicores('0.5', 'cores')).toBe(500);
    expect(parseCpuMillicores('2', 'cores')).toBe(2000);
    expect(parseCpuMillicores('500', 'millicores')).toBe(500);
    expect(parseCpuMillicores(' 250 ', 'millicores')).toBe(250);
  });

  it('reads the m suffix as millicores whatever the column unit', () => {
    expect(parseCpuMillicores('500m', 'cores')).toBe(500);
    expect(parseCpuMillicores('500m', 'millicores')).toBe(500);
    expect(parseCpuMillicores('1500m', 'cores')).toBe(1500);
  });

  it('gives NaN for text that is not a CPU amount', () => {
    expect(parseCpuMillicores('lots', 'cores')).toBeNaN();
    expect(parseCpuMillicores('2Gi', 'cores')).toBeNaN();
    expect(parseCpuMillicores('m', 'cores')).toBeNaN();
  });
});

describe('parseMemoryMiB', () => {
  it('reads plain numbers in the column unit', () => {
    expect(parseMemoryMiB('512', 'MiB')).toBe(512);
    expect(parseMemoryMiB('2', 'GiB')).toBe(2048);
    expect(parseMemoryMiB('4.5', 'GiB')).toBe(4608);
    expect(parseMemoryMiB('1048576', 'bytes')).toBe(1);
    expect(parseMemoryMiB('128974848', 'bytes')).toBe(123); // 123 * 1048576
    expect(parseMemoryMiB('1e9', 'bytes')).toBeCloseTo(953.67431640625, 12); // 1e9 / 2^20
    expect(parseMemoryMiB('2048', 'KiB')).toBe(2);
    expect(parseMemoryMiB('1', 'GB')).toBeCloseTo(953.67431640625, 12);
  });

  it('reads Kubernetes suffixes whatever the column unit', () => {
    expect(parseMemoryMiB('512Mi', 'GiB')).toBe(512);
    expect(parseMemoryMiB('2Gi', 'MiB')).toBe(2048);
    expect(parseMemoryMiB('1Ti', 'MiB')).toBe(1048576);
    expect(parseMemoryMiB('1024Ki', 'MiB')).toBe(1);
    expect(parseMemoryMiB('1G', 'MiB')).toBeCloseTo(953.67431640625, 12);
    expect(parseMemoryMiB('1M', 'MiB')).toBeCloseTo(1e6 / 1048576, 12);
    expect(parseMemoryMiB('1k', 'MiB')).toBeCloseTo(1000 / 1048576, 12);
    expect(parseMemoryMiB('1.5e3Mi', 'MiB')).toBe(1500);
  });

  it('reads the spreadsheet spellings with B', () => {
    expect(parseMemoryMiB('512MiB', 'GiB')).toBe(512);
    expect(parseMemoryMiB('2 GiB', 'MiB')).toBe(2048);
    expect(parseMemoryMiB('1GB', 'MiB')).toBeCloseTo(953.67431640625, 12);
    expect(parseMemoryMiB('1048576B', 'GiB')).toBe(1);
  });

  it('tells the exa suffix from an exponent', () => {
    expect(parseMemoryMiB('1E', 'MiB')).toBeCloseTo(1e18 / 1048576, 0);
    expect(parseMemoryMiB('1E6', 'bytes')).toBeCloseTo(1e6 / 1048576, 12);
  });

  it('rejects a lowercase m (milli-bytes, nearly always a typo for Mi) and other junk', () => {
    expect(parseMemoryMiB('512m', 'MiB')).toBeNaN();
    expect(parseMemoryMiB('lots', 'MiB')).toBeNaN();
    expect(parseMemoryMiB('12 parsecs', 'MiB')).toBeNaN();
    expect(parseMemoryMiB('constructor', 'MiB')).toBeNaN();
  });
});
