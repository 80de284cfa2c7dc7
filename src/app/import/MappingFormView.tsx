/** The manual override form for every mapping field; controlled by the dialog, which keeps its state. */
import type { ReactNode } from 'react';
import { columnOptions, type MappingForm, type MappingFormField, type UnitQuestion } from './mappingForm.ts';

const INSTANT_FORMATS = [
  ['seconds', 'seconds'],
  ['milliseconds', 'milliseconds'],
  ['datetime', 'date-time (ISO 8601)'],
] as const;
const DURATION_UNITS = ['seconds', 'milliseconds', 'minutes', 'hours'] as const;
const CPU_UNITS = [
  ['millicores', 'millicores'],
  ['cores', 'cores'],
] as const;
const MEMORY_UNITS = ['MiB', 'GiB', 'KiB', 'bytes', 'MB', 'GB', 'KB'] as const;

interface Props {
  form: MappingForm;
  header: readonly string[];
  errors: Partial<Record<MappingFormField, string>>;
  onChange: (form: MappingForm) => void;
  /** Units detection could not tell from the values: asked next to their select until answered. */
  questions?: readonly UnitQuestion[];
}

export function MappingFormView({ form, header, errors, onChange, questions = [] }: Props) {
  const set = <K extends MappingFormField>(key: K, value: MappingForm[K]) => onChange({ ...form, [key]: value });
  const columns = columnOptions(header, form.header);
  const id = (f: MappingFormField) => `imp-${f}`;

  const field = (f: MappingFormField, label: string, control: ReactNode, hint?: string) => (
    <div className="field" key={f}>
      <label htmlFor={id(f)}>{label}</label>
      {control}
      {hint && <span className="hint">{hint}</span>}
      {errors[f] && (
        <span className="field-error" id={`${id(f)}-error`} role="alert">
          {errors[f]}
        </span>
      )}
    </div>
  );
  const aria = (f: MappingFormField) => ({ id: id(f), 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `${id(f)}-error` : undefined });
  const columnSelect = (f: MappingFormField, label: string, optional: string | null, hint?: string) =>
    field(
      f,
      label,
      <select {...aria(f)} value={String(form[f])} onChange={(e) => set(f, e.target.value as never)}>
        {optional !== null ? <option value="">{optional}</option> : <option value="">(choose a column)</option>}
        {columns.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        {/* A saved mapping may name a column this file lacks: keep it visible rather than drop it. */}
        {form[f] !== '' && !columns.some((c) => c.value === form[f]) && <option value={String(form[f])}>{String(form[f])} (not in this file)</option>}
      </select>,
      hint,
    );
  const select = <T extends string>(f: MappingFormField, label: string, options: readonly (readonly [T, string] | T)[]) =>
    field(
      f,
      label,
      <select {...aria(f)} value={String(form[f])} onChange={(e) => set(f, e.target.value as never)}>
        {options.map((o) => {
          const [value, text] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>,
    );
  // A unit select that may hold a question: blank until the user picks, with the reason beside it.
  const unitSelect = (f: 'cpuUnit' | 'memoryUnit', label: string, options: readonly (readonly [string, string] | string)[]) => {
    const question = questions.find((q) => q.field === f && q.column === (f === 'cpuUnit' ? form.cpuColumn : form.memoryColumn));
    const open = form[f] === '';
    return (
      <div className={`field${question ? ' unit-question' : ''}`} key={f} data-testid={question ? `question-${f}` : undefined}>
        <label htmlFor={id(f)}>{label}</label>
        <select {...aria(f)} value={form[f]} onChange={(e) => set(f, e.target.value as never)} aria-required={open ? true : undefined}>
          {open && (
            <option value="" disabled>
              (choose: {question ? question.choices.join(' or ') : 'a unit'})
            </option>
          )}
          {options.map((o) => {
            const [value, text] = typeof o === 'string' ? [o, o] : o;
            return (
              <option key={value} value={value}>
                {text}
              </option>
            );
          })}
        </select>
        {question && (
          <span className={open ? 'question' : 'hint'} role={open ? 'status' : undefined}>
            {open ? `Which unit is "${question.column}" in? ` : 'You chose; the values alone did not tell: '}
            {question.reason}.
          </span>
        )}
        {errors[f] && (
          <span className="field-error" id={`${id(f)}-error`} role="alert">
            {errors[f]}
          </span>
        )}
      </div>
    );
  };
  const text = (f: MappingFormField, label: string, hint?: string, inputMode: 'decimal' | 'numeric' | 'text' = 'decimal') =>
    field(f, label, <input {...aria(f)} type="text" inputMode={inputMode} value={String(form[f])} onChange={(e) => set(f, e.target.value as never)} />, hint);
  const checkbox = (f: 'header' | 'keepTimeOfDay', label: string, hint: string) => (
    <div className="field field-checkbox" key={f}>
      <label>
        <input type="checkbox" id={id(f)} checked={form[f]} onChange={(e) => set(f, e.target.checked)} /> {label}
      </label>
      <span className="hint">{hint}</span>
    </div>
  );

  // Rate series and request logs both become pods through the HPA model; they share its fields.
  const rate = form.kind === 'rate' || form.kind === 'requests';
  const requests = form.kind === 'requests';
  return (
    <fieldset className="mapping-form">
      <legend>Column mapping</legend>
      <div className="field-grid">
        {field(
          'kind',
          'Each row is',
          <select {...aria('kind')} value={form.kind} onChange={(e) => set('kind', e.target.value as MappingForm['kind'])}>
            <option value="pods">one pod</option>
            <option value="rate">a rate sample (HPA model)</option>
            <option value="requests">one request (request log, HPA model)</option>
          </select>,
        )}
        {checkbox('header', 'First line is a header', 'Without a header, columns are picked by position.')}
        {columnSelect('startColumn', rate ? 'Time column' : 'Start column', null)}
        {field(
          'startFormat',
          rate ? 'Time format' : 'Start format',
          <select {...aria('startFormat')} value={form.startFormat} onChange={(e) => set('startFormat', e.target.value as MappingForm['startFormat'])}>
            {INSTANT_FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>,
          'Numbers: relative or epoch; dates without a zone are UTC.',
        )}
        {!rate && (
          <>
            {field(
              'endMode',
              'Pods end by',
              <select {...aria('endMode')} value={form.endMode} onChange={(e) => set('endMode', e.target.value as MappingForm['endMode'])}>
                <option value="duration">duration</option>
                <option value="end">end time</option>
              </select>,
            )}
            {form.endMode === 'end' ? (
              <>
                {columnSelect('endColumn', 'End column', null, 'Blank = still running when the trace ends.')}
                {select('endFormat', 'End format', INSTANT_FORMATS)}
              </>
            ) : (
              <>
                {columnSelect('durationColumn', 'Duration column', null)}
                {select('durationUnit', 'Duration unit', DURATION_UNITS)}
              </>
            )}
            {columnSelect('cpuColumn', 'CPU column', '(none: default size)')}
            {unitSelect('cpuUnit', 'CPU unit', CPU_UNITS)}
            {columnSelect('memoryColumn', 'Memory column', '(none: default size)')}
            {unitSelect('memoryUnit', 'Memory unit', MEMORY_UNITS)}
            {columnSelect('classColumn', 'Class column', '(none: class "default")')}
          </>
        )}
        {rate && (
          <>
            {requests ? (
              <>
                {text('interval', 'Count per interval (s)', 'Requests per interval / interval = requests per second.')}
                {columnSelect('valueColumn', 'Weight column', '(none: each request counts 1)', 'e.g. tokens: the rate is then tokens per second.')}
              </>
            ) : (
              columnSelect('valueColumn', 'Value column', null, 'Summed per time (e.g. requests per second).')
            )}
            {text(
              'capacityPerPod',
              'Capacity per pod',
              requests ? (form.valueColumn === '' ? 'Requests per second one pod serves at its target.' : 'Weight units per second one pod serves at its target.') : 'Units of value one pod serves at its target.',
            )}
            {text('hpaMin', 'HPA min replicas', undefined, 'numeric')}
            {text('hpaMax', 'HPA max replicas', 'Blank = no maximum.', 'numeric')}
            {text('className', 'Class of the pods', undefined, 'text')}
          </>
        )}
        {/* The default size only matters when a size column is missing; rate pods always need one. */}
        {(rate || form.cpuColumn === '' || form.memoryColumn === '') && (
          <>
            {text('defaultCpu', rate ? 'Pod CPU (millicores)' : 'Default pod CPU (millicores)', rate ? undefined : 'For pods without a CPU column.')}
            {text('defaultMemory', rate ? 'Pod memory (MiB)' : 'Default pod memory (MiB)', rate ? undefined : 'For pods without a memory column.')}
          </>
        )}
        {columnSelect('filterColumn', 'Filter column', '(no filter)')}
        {form.filterColumn !== '' && text('filterEquals', 'Keep rows where it equals', 'Other rows are counted, not imported.', 'text')}
        {checkbox('keepTimeOfDay', 'Keep time of day', 'Start at midnight UTC of the first day, not at the first row.')}
      </div>
    </fieldset>
  );
}
