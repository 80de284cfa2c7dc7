import { describe, expect, it } from 'vitest';
import { detectLayout, headerWords } from '../../src/trace/detect.ts';
import { TraceImportError } from '../../src/trace/errors.ts';
import { readTraceHead } from '../../src/trace/importer.ts';
import { fixtureText } from './fixtures.ts';

function detectFixture(name: string) {
  const { header, sampleRows } = readTraceHead(fixtureText(name), { isWholeFile: true, fileName: name });
  return detectLayout(header, sampleRows, name);
}

/** Detection on a one-column-of-interest file: start, duration and the column under test. */
function detectColumn(name: string, values: string[]) {
  return detectLayout(['start', 'duration', name], values.map((v, i) => [String(i), '10', v]));
}

describe('headerWords', () => {
  it('splits snake, kebab and camel case', () => {
    expect(headerWords('cpu_milli')).toEqual(['cpu', 'milli']);
    expect(headerWords('creationTimestamp')).toEqual(['creation', 'timestamp']);
    expect(headerWords('memMiB')).toEqual(['mem', 'mi', 'b']);
    expect(headerWords(' Exec-Time (seconds) ')).toEqual(['exec', 'time', 'seconds']);
  });
});

describe('detectLayout: known layouts', () => {
  it('recognises the canonical format', () => {
    const d = detectFixture('canonical.csv');
    expect(d.layout).toBe('canonical');
    expect(d.mapping).toEqual({
      kind: 'pods',
      header: true,
      keepTimeOfDay: false,
      start: { column: 'arrival_s', format: 'seconds' },
      duration: { column: 'duration_s', unit: 'seconds' },
      cpu: { column: 'cpu_m', unit: 'millicores' },
      memory: { column: 'mem_mib', unit: 'MiB' },
      class: { column: 'class' },
    });
  });

  it('recognises the canonical format without a class column or header', () => {
    expect(detectFixture('no-trailing-newline.csv').mapping).not.toHaveProperty('class');
    const d = detectFixture('headerless.csv');
    expect(d.layout).toBe('canonical-headerless');
    expect(d.mapping).toMatchObject({ header: false, start: { column: 0 }, duration: { column: 1 }, cpu: { column: 2 }, memory: { column: 3 }, class: { column: 4 } });
  });

  it('recognises the Alibaba openb pod list', () => {
    const d = detectFixture('openb-like.csv');
    expect(d.layout).toBe('alibaba-openb');
    expect(d.mapping).toMatchObject({
      kind: 'pods',
      start: { column: 'creation_time', format: 'seconds' },
      end: { column: 'deletion_time', format: 'seconds' },
      cpu: { column: 'cpu_milli', unit: 'millicores' },
      memory: { column: 'memory_mib', unit: 'MiB' },
      class: { column: 'qos' },
    });
  });

  it('recognises the Alibaba GenAI request log and proposes a default pod size', () => {
    const d = detectFixture('genai-requests.csv');
    expect(d.layout).toBe('alibaba-genai-requests');
    expect(d.mapping).toMatchObject({
      kind: 'pods',
      start: { column: 'gmt_create', format: 'datetime' },
      duration: { column: 'exec_time_seconds', unit: 'seconds' },
      defaultPod: { cpuMillicores: 1000, memoryMiB: 2048 },
    });
    expect(d.mapping).not.toHaveProperty('cpu');
    expect(d.notes.join('\n')).toMatch(/no CPU or memory/);
  });

  it('recognises the Alibaba GenAI QPS series as a rate series', () => {
    const d = detectFixture('qps-like.csv');
    expect(d.layout).toBe('alibaba-genai-qps');
    expect(d.mapping).toMatchObject({ kind: 'rate', time: { column: 'timestamp_anon', format: 'seconds' }, value: { column: 'value' }, capacityPerPod: 1 });
    expect(d.notes.join('\n')).toContain('Generative Requests');
  });
});

describe('detectLayout: other files, column by column', () => {
  it('reads a cluster export: date-times, cores, GB, priority class', () => {
    const d = detectFixture('cluster-export.csv');
    expect(d.layout).toBe('generic-pods');
    expect(d.mapping).toMatchObject({
      start: { column: 'start_time', format: 'datetime' },
      end: { column: 'end_time', format: 'datetime' },
      cpu: { column: 'cpu_cores', unit: 'cores' },
      memory: { column: 'mem_gb', unit: 'GiB' },
      class: { column: 'priority_class' },
    });
    expect(d.notes.some((n) => n.includes('mem_gb') && n.includes('binary'))).toBe(true);
  });

  it('reads epoch milliseconds named so, a semicolon delimiter, Kubernetes CPU', () => {
    const d = detectFixture('semicolon-epoch-ms.csv');
    expect(d.mapping).toMatchObject({
      start: { column: 'created_ms', format: 'milliseconds' },
      end: { column: 'finished_ms', format: 'milliseconds' },
      cpu: { column: 'cpu_request', unit: 'cores' },
      memory: { column: 'memory_mib', unit: 'MiB' },
    });
  });

  it('reads Kubernetes quantities: plain memory numbers are then bytes', () => {
    const d = detectFixture('k8s-quantities.csv');
    expect(d.mapping).toMatchObject({ cpu: { column: 'cpu', unit: 'cores' }, memory: { column: 'memory', unit: 'bytes' }, duration: { column: 'duration', unit: 'seconds' } });
  });

  it('takes units from header names', () => {
    expect(detectColumn('cpu_milli', ['1']).mapping).toMatchObject({ cpu: { unit: 'millicores' } });
    expect(detectColumn('cpu_m', ['1']).mapping).toMatchObject({ cpu: { unit: 'millicores' } });
    expect(detectColumn('cpu_cores', ['1000']).mapping).toMatchObject({ cpu: { unit: 'cores' } });
    expect(detectColumn('vcpus', ['1000']).mapping).toMatchObject({ cpu: { unit: 'cores' } });
    expect(detectColumn('memory_mib', ['1']).mapping).toMatchObject({ memory: { unit: 'MiB' } });
    expect(detectColumn('memGiB', ['1000']).mapping).toMatchObject({ memory: { unit: 'GiB' } });
    expect(detectColumn('mem_gb', ['1000']).mapping).toMatchObject({ memory: { unit: 'GiB' } });
    expect(detectColumn('memory_bytes', ['1']).mapping).toMatchObject({ memory: { unit: 'bytes' } });
    expect(detectLayout(['start', 'runtime_ms'], [['0', '10']]).mapping).toMatchObject({ duration: { column: 'runtime_ms', unit: 'milliseconds' } });
    expect(detectLayout(['start', 'duration_min'], [['0', '10']]).mapping).toMatchObject({ duration: { unit: 'minutes' } });
  });

  it('takes units from values when the name has none', () => {
    expect(detectColumn('cpu', ['0.5', '1', '2']).mapping).toMatchObject({ cpu: { unit: 'cores' } });
    expect(detectColumn('cpu', ['500', '1000', '250']).mapping).toMatchObject({ cpu: { unit: 'millicores' } });
    expect(detectColumn('memory', ['512', '1024']).mapping).toMatchObject({ memory: { unit: 'MiB' } });
    expect(detectColumn('memory', ['0.5', '2', '4']).mapping).toMatchObject({ memory: { unit: 'GiB' } });
    expect(detectColumn('memory', ['536870912', '1073741824']).mapping).toMatchObject({ memory: { unit: 'bytes' } });
    // Epoch milliseconds without a unit in the name.
    expect(detectLayout(['timestamp', 'duration'], [['1700000000000', '5']]).mapping).toMatchObject({ start: { format: 'milliseconds' } });
    expect(detectLayout(['timestamp', 'duration'], [['1700000000', '5']]).mapping).toMatchObject({ start: { format: 'seconds' } });
  });

  it('prefers an arrival-like name over a plain time and skips end and duration columns', () => {
    const d = detectLayout(['end_time', 'exec_time', 'time', 'submit_time'], [['9', '4', '1', '5']]);
    expect(d.mapping).toMatchObject({ start: { column: 'submit_time' }, end: { column: 'end_time' } });
  });

  it('proposes a rate series for (time, value) files', () => {
    const d = detectLayout(['time', 'rps'], [['0', '12'], ['60', '15']]);
    expect(d.layout).toBe('generic-rate');
    expect(d.mapping).toMatchObject({ kind: 'rate', time: { column: 'time' }, value: { column: 'rps' } });
  });

  it('throws TraceImportError naming the file when no column is usable', () => {
    expect(() => detectFixture('no-usable-column.csv')).toThrow(TraceImportError);
    expect(() => detectFixture('no-usable-column.csv')).toThrow(/no-usable-column\.csv: no usable column.*name, colour, size/);
    expect(() => detectLayout(['start', 'cpu', 'memory'], [['1', '1', '1']], 'x.csv')).toThrow(/x\.csv: no usable column: found a start time \("start"\) but no end time or duration/);
  });

  it('names the end column and a bad value when its sample values are not times', () => {
    // Half the samples of end_time are not numbers or dates, so it cannot be the end column.
    const rows = [['0', '60', '1', '1'], ['10', 'abc', '1', '1']];
    expect(() => detectLayout(['start_time', 'end_time', 'cpu', 'memory_gib'], rows, 'y.csv')).toThrow(
      'y.csv: no usable column: found a start time ("start_time"); "end_time" is named like an end time or duration, but its first rows hold values that are not times or numbers, such as "abc"',
    );
  });
});
