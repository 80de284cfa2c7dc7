import { useId, useState, type ReactNode } from 'react';
import { getIn } from '../draft.ts';
import { fieldErrorId, fieldId, issueText } from '../issueFields.ts';
import { useEditor } from './EditorContext.tsx';
import type { FieldSpec } from './fieldSpecs.ts';
import { formatFieldValue } from './fieldText.ts';

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * "18:55=1700, 21:10=0" to [{at: "18:55", minNodes: 1700}, ...]; a part that is not time=number
 * is kept as typed (the schema then names it), so nothing entered is lost.
 */
export function parseScheduleText(t: string, valueKey = 'minNodes'): unknown[] {
  return t
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^([^=]+?)\s*=\s*(.+)$/.exec(p);
      if (!m) return p;
      const at = m[1].trim();
      return { at: NUMBER_TEXT.test(at) ? Number(at) : at, [valueKey]: NUMBER_TEXT.test(m[2].trim()) ? Number(m[2].trim()) : m[2].trim() };
    });
}

/** Text to draft value: numbers become numbers; anything else is kept as typed for zod to judge. */
export function parseFieldText(kind: FieldSpec['kind'], text: string, optional: boolean, valueKey?: string): unknown {
  const t = text.trim();
  if (kind === 'text') return t === '' && optional ? undefined : text;
  if (t === '') return optional ? undefined : '';
  if (kind === 'timeList') return t.split(/[,\s]+/).filter(Boolean).map((s) => (NUMBER_TEXT.test(s) ? Number(s) : s));
  if (kind === 'schedule') return parseScheduleText(t, valueKey);
  if (NUMBER_TEXT.test(t)) return Number(t);
  return t;
}


const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function FieldErrors({ path, id }: { path: string; id?: string }) {
  const { issuesAt } = useEditor();
  const issues = issuesAt(path);
  if (issues.length === 0) return null;
  return (
    <ul className="field-error" id={id ?? fieldErrorId(path)}>
      {issues.map((i, k) => (
        <li key={k}>{issueText(i)}</li>
      ))}
    </ul>
  );
}

function FieldShell({ path, label, hint, unit, children, inputId, wide }: { path: string; label: string; hint?: string; unit?: string; children: ReactNode; inputId: string; wide?: boolean }) {
  return (
    <div className={wide ? 'field field-wide' : 'field'} data-path={path}>
      <label htmlFor={inputId}>{label}</label>
      <div className="field-input">
        {children}
        {unit && <span className="unit">{unit}</span>}
      </div>
      {hint && <p className="hint">{hint}</p>}
      <FieldErrors path={path} />
    </div>
  );
}

/** A text input bound to a draft path; keeps the typed text (e.g. "1.") until it parses. */
export function InputField({ spec, base, placeholder }: { spec: FieldSpec; base: string; placeholder?: string }) {
  const { doc, update, issuesAt } = useEditor();
  const path = base ? `${base}.${spec.key}` : spec.key;
  const value = getIn(doc, path);
  const optional = spec.optional ?? false;
  const [text, setText] = useState(() => formatFieldValue(value, spec.kind, spec.valueKey));
  const [prev, setPrev] = useState(value);
  if (!same(prev, value)) {
    setPrev(value);
    if (!same(parseFieldText(spec.kind, text, optional, spec.valueKey), value)) setText(formatFieldValue(value, spec.kind, spec.valueKey));
  }
  const id = fieldId(path);
  const invalid = issuesAt(path).length > 0;
  const numeric = spec.kind === 'number' || spec.kind === 'integer';
  return (
    <FieldShell path={path} label={spec.label} hint={spec.hint} unit={spec.unit} inputId={id} wide={spec.wide}>
      <input
        id={id}
        type="text"
        inputMode={numeric ? (spec.kind === 'integer' ? 'numeric' : 'decimal') : undefined}
        value={text}
        placeholder={placeholder ?? spec.placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? fieldErrorId(path) : undefined}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          update(path, parseFieldText(spec.kind, e.target.value, optional, spec.valueKey));
        }}
      />
    </FieldShell>
  );
}

export function SelectField({ spec, base, onChange, defaultLabel }: { spec: FieldSpec; base: string; onChange?: (value: string | undefined) => void; defaultLabel?: string }) {
  const { doc, update, issuesAt } = useEditor();
  const path = base ? `${base}.${spec.key}` : spec.key;
  const value = getIn(doc, path);
  const id = fieldId(path);
  const invalid = issuesAt(path).length > 0;
  const options = spec.options ?? [];
  const known = options.some((o) => o.value === value);
  return (
    <FieldShell path={path} label={spec.label} hint={spec.hint} unit={spec.unit} inputId={id} wide={spec.wide}>
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? fieldErrorId(path) : undefined}
        onChange={(e) => {
          const v = e.target.value === '' ? undefined : e.target.value;
          if (onChange) onChange(v);
          else update(path, v);
        }}
      >
        {spec.optional && <option value="">{defaultLabel ?? '(default)'}</option>}
        {!known && value !== undefined && <option value={String(value)}>{String(value)}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ path, label, checked, onChange, hint }: { path: string; label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  const id = fieldId(path) + '-toggle';
  return (
    <div className="field field-checkbox" data-path={path}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}

const DELAY_DEFAULTS: Record<string, Record<string, unknown>> = {
  constant: { kind: 'constant', seconds: 10 },
  uniform: { kind: 'uniform', min: 10, max: 20 },
  lognormal: { kind: 'lognormal', median: 10, p95: 30 },
};

const DELAY_PARAMS: Record<string, { key: string; label: string }[]> = {
  constant: [{ key: 'seconds', label: 'Seconds' }],
  uniform: [
    { key: 'min', label: 'Min' },
    { key: 'max', label: 'Max' },
  ],
  lognormal: [
    { key: 'median', label: 'Median' },
    { key: 'p95', label: 'p95' },
  ],
};

/** A random delay: kind, then its parameters (durations). Optional ones can be left to the default. */
export function DelayField({ spec, base }: { spec: FieldSpec; base: string }) {
  const { doc, update } = useEditor();
  const path = base ? `${base}.${spec.key}` : spec.key;
  const value = getIn(doc, path);
  // Any shape can be in a draft: only a kind the form knows gets parameter fields.
  const kind = value !== null && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  const params = typeof kind === 'string' && Object.hasOwn(DELAY_PARAMS, kind) ? DELAY_PARAMS[kind] : [];
  const legendId = useId();
  return (
    <fieldset className="delay" aria-labelledby={legendId} data-path={path}>
      <legend id={legendId}>{spec.label}</legend>
      <SelectField
        spec={{
          kind: 'select',
          key: 'kind',
          label: 'Distribution',
          optional: spec.optional,
          options: [
            { value: 'constant', label: 'constant' },
            { value: 'uniform', label: 'uniform (min..max)' },
            { value: 'lognormal', label: 'lognormal (median, p95)' },
          ],
        }}
        base={path}
        defaultLabel="(default)"
        onChange={(k) => update(path, k === undefined || !Object.hasOwn(DELAY_DEFAULTS, k) ? undefined : { ...DELAY_DEFAULTS[k] })}
      />
      {params.map((p) => <InputField key={p.key} spec={{ kind: 'duration', key: p.key, label: p.label, unit: 's' }} base={path} />)}
      {spec.hint && <p className="hint">{spec.hint}</p>}
      <FieldErrors path={path} />
    </fieldset>
  );
}

/** Renders a list of simple field specs under a base path. */
export function Fields({ specs, base, placeholders }: { specs: readonly FieldSpec[]; base: string; placeholders?: Record<string, string | undefined> }) {
  return (
    <>
      {specs.map((spec) =>
        spec.kind === 'select' ? (
          <SelectField key={spec.key} spec={spec} base={base} />
        ) : spec.kind === 'delay' ? (
          <DelayField key={spec.key} spec={spec} base={base} />
        ) : (
          <InputField key={spec.key} spec={spec} base={base} placeholder={placeholders?.[spec.key]} />
        ),
      )}
    </>
  );
}
