import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, columnOptions, formFromMapping, mappingFromForm, type MappingForm } from '../../src/app/import/mappingForm.ts';
import { detectLayout, TraceMapping, type TraceMappingInput } from '../../src/trace/index.ts';

const OPENB_HEADER = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'];

/** Both directions: the form of a mapping gives back the same validated mapping. */
function roundTrip(input: TraceMappingInput, header: string[] | null = null) {
  const back = mappingFromForm(formFromMapping(input, header));
  if (!back.ok) throw new Error(JSON.stringify(back.errors));
  return TraceMapping.parse(back.mapping);
}

describe('formFromMapping / mappingFromForm', () => {
  it('round-trips the detected openb mapping (end column, class, units)', () => {
    const { mapping } = detectLayout(OPENB_HEADER, [['p', '8000', '30517', '1', '230', '', 'BE', 'Running', '100', '200', '100']]);
    const form = formFromMapping(mapping, OPENB_HEADER);
    expect(form).toMatchObject({ kind: 'pods', header: true, startColumn: 'creation_time', endMode: 'end', endColumn: 'deletion_time', cpuColumn: 'cpu_milli', cpuUnit: 'millicores', memoryColumn: 'memory_mib', memoryUnit: 'MiB', classColumn: 'qos' });
    expect(roundTrip(mapping, OPENB_HEADER)).toEqual(mapping);
  });

  it('round-trips a rate mapping with HPA bounds, filter and pod size', () => {
    const mapping: TraceMappingInput = {
      kind: 'rate',
      time: { column: 'timestamp_anon', format: 'seconds' },
      value: { column: 'value' },
      capacityPerPod: 2.5,
      pod: { cpuMillicores: 4000, memoryMiB: 16384 },
      className: 'llm',
      filter: { column: 'request_type', equals: 'Generative Requests' },
      keepTimeOfDay: true,
      hpa: { minReplicas: 2, maxReplicas: 40 },
    };
    const form = formFromMapping(mapping);
    expect(form).toMatchObject({ kind: 'rate', startColumn: 'timestamp_anon', valueColumn: 'value', capacityPerPod: '2.5', defaultCpu: '4000', defaultMemory: '16384', hpaMin: '2', hpaMax: '40', filterColumn: 'request_type', filterEquals: 'Generative Requests', keepTimeOfDay: true });
    expect(roundTrip(mapping)).toEqual(TraceMapping.parse(mapping));
  });

  it('round-trips a request-log mapping with interval and weight, and without a weight', () => {
    const mapping: TraceMappingInput = {
      kind: 'requests',
      time: { column: 'TIMESTAMP', format: 'datetime' },
      interval: 30,
      weight: { column: 'ContextTokens' },
      capacityPerPod: 500,
      pod: { cpuMillicores: 8000, memoryMiB: 32768 },
      hpa: { minReplicas: 1, maxReplicas: 12 },
    };
    const header = ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens'];
    expect(formFromMapping(mapping, header)).toMatchObject({ kind: 'requests', startColumn: 'TIMESTAMP', startFormat: 'datetime', interval: '30', valueColumn: 'ContextTokens', capacityPerPod: '500' });
    expect(roundTrip(mapping, header)).toEqual(TraceMapping.parse(mapping));
    const unweighted: TraceMappingInput = { kind: 'requests', time: { column: 'TIMESTAMP', format: 'datetime' }, capacityPerPod: 2, pod: { cpuMillicores: 1000, memoryMiB: 2048 } };
    const back = roundTrip(unweighted, header);
    expect(back).toEqual(TraceMapping.parse(unweighted));
    expect(back.kind === 'requests' && back.interval).toBe(60);
    expect(mappingFromForm({ ...formFromMapping(unweighted, header), interval: '0' })).toMatchObject({ ok: false, errors: { interval: expect.any(String) } });
  });

  it('round-trips a headerless mapping by column position', () => {
    const mapping: TraceMappingInput = { kind: 'pods', header: false, start: { column: 0, format: 'seconds' }, duration: { column: 1, unit: 'minutes' }, cpu: { column: 2, unit: 'millicores' }, memory: { column: 3, unit: 'MiB' } };
    const form = formFromMapping(mapping, ['0', '5', '500', '256']);
    expect(form).toMatchObject({ header: false, startColumn: '0', durationColumn: '1', durationUnit: 'minutes' });
    expect(roundTrip(mapping)).toEqual(TraceMapping.parse(mapping));
  });

  it('shows a column given by position under its header name, and matches names case-insensitively', () => {
    const form = formFromMapping({ kind: 'pods', start: { column: 1, format: 'seconds' }, duration: { column: 'RUNTIME', unit: 'seconds' }, defaultPod: { cpuMillicores: 500, memoryMiB: 512 } }, ['id', 'Submit', 'runtime']);
    expect(form.startColumn).toBe('Submit');
    expect(form.durationColumn).toBe('runtime');
    expect(form.cpuColumn).toBe('');
    expect(form.defaultCpu).toBe('500');
  });

  it('saves the default pod size only when a size column is missing', () => {
    const full: MappingForm = { ...EMPTY_FORM, startColumn: 'a', durationColumn: 'd', cpuColumn: 'c', memoryColumn: 'm', defaultCpu: 'not used' };
    const r = mappingFromForm(full);
    expect(r.ok && 'defaultPod' in r.mapping).toBe(false);
    const noMemory = mappingFromForm({ ...full, memoryColumn: '', defaultCpu: '250', defaultMemory: '128' });
    expect(noMemory).toMatchObject({ ok: true, mapping: { defaultPod: { cpuMillicores: 250, memoryMiB: 128 } } });
  });

  it('names the field of each problem', () => {
    expect(mappingFromForm({ ...EMPTY_FORM })).toEqual({ ok: false, errors: { startColumn: 'choose the start column', durationColumn: 'choose the duration column' } });
    expect(mappingFromForm({ ...EMPTY_FORM, startColumn: 'a', durationColumn: 'd', defaultCpu: 'lots' })).toEqual({ ok: false, errors: { defaultCpu: 'CPU (millicores) must be a number' } });
    // Numbers that the schema refuses are flagged by the schema's message, on the same field.
    const negative = mappingFromForm({ ...EMPTY_FORM, startColumn: 'a', durationColumn: 'd', defaultMemory: '-5' });
    expect(negative.ok === false && Object.keys(negative.errors)).toEqual(['defaultMemory']);
    const rate = mappingFromForm({ ...EMPTY_FORM, kind: 'rate', startColumn: 't', valueColumn: 'v', hpaMin: '5', hpaMax: '2' });
    expect(rate).toEqual({ ok: false, errors: { hpaMax: 'must be >= minReplicas (5)' } });
    const positions = mappingFromForm({ ...EMPTY_FORM, header: false, startColumn: 'arrival', durationColumn: '1' });
    expect(positions).toEqual({ ok: false, errors: { startColumn: 'without a header, columns are positions (0, 1, 2, ...)' } });
  });

  it('offers header names, or positions without a header', () => {
    expect(columnOptions([' a ', 'b'], true)).toEqual([
      { value: 'a', label: 'a' },
      { value: 'b', label: 'b' },
    ]);
    expect(columnOptions(['12', 'x'], false)).toEqual([
      { value: '0', label: 'column 1 (e.g. 12)' },
      { value: '1', label: 'column 2 (e.g. x)' },
    ]);
  });
});
