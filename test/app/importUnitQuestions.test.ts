import { describe, expect, it } from 'vitest';
import { formFromDetection, mappingFromForm, unansweredUnits } from '../../src/app/import/mappingForm.ts';
import { detectLayout } from '../../src/trace/detect.ts';

const HEADER = ['start', 'duration', 'cpu', 'memory'];

describe('import dialog: a unit the values leave open is a question', () => {
  it('leaves the CPU unit blank, with the reason and choices, and refuses the mapping until answered', () => {
    const detection = detectLayout(HEADER, [['0', '60', '2', '1024'], ['1', '60', '2000', '2048']]);
    const { form, questions } = formFromDetection(detection, HEADER);
    expect(form.cpuUnit).toBe('');
    expect(form.memoryUnit).toBe('MiB');
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatchObject({ field: 'cpuUnit', column: 'cpu' });
    expect(new Set(questions[0].choices)).toEqual(new Set(['cores', 'millicores']));
    expect(questions[0].reason).toMatch(/2000 cores/);
    expect(unansweredUnits(form)).toEqual(['cpuUnit']);
    const refused = mappingFromForm(form);
    expect(refused).toEqual({ ok: false, errors: { cpuUnit: 'choose the CPU unit: the values do not tell' } });

    const answered = { ...form, cpuUnit: 'millicores' as const };
    expect(unansweredUnits(answered)).toEqual([]);
    const ok = mappingFromForm(answered);
    expect(ok.ok && ok.mapping).toMatchObject({ cpu: { column: 'cpu', unit: 'millicores' }, memory: { column: 'memory', unit: 'MiB' } });
  });

  it('asks nothing for a cores / GiB file: the form holds cores and GiB', () => {
    const detection = detectLayout(HEADER, [['0', '60', '8', '40.0'], ['1', '60', '48', '120.0'], ['2', '60', '96', '480.0']]);
    const { form, questions } = formFromDetection(detection, HEADER);
    expect(questions).toEqual([]);
    expect([form.cpuUnit, form.memoryUnit]).toEqual(['cores', 'GiB']);
    expect(unansweredUnits(form)).toEqual([]);
  });

  it('does not ask about a unit whose column the user took away', () => {
    const detection = detectLayout(HEADER, [['0', '60', '2', '1024'], ['1', '60', '2000', '2048']]);
    const { form } = formFromDetection(detection, HEADER);
    expect(unansweredUnits({ ...form, cpuColumn: '' })).toEqual([]);
  });
});
