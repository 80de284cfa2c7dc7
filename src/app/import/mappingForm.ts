/**
 * The import dialog's override form as plain strings and booleans (what inputs hold), and the
 * two conversions: a proposed TraceMapping into the form, and the form back into a mapping with
 * messages per field. Kept apart from React so both directions are unit-tested.
 */
import { DEFAULT_CAPACITY_PER_POD, DEFAULT_POD, DEFAULT_REQUEST_INTERVAL, TraceMapping, type TraceMappingInput } from '../../trace/index.ts';
import type { ColumnRef, CpuUnit, DurationUnit, InstantFormat, MemoryUnit } from '../../trace/index.ts';
import { unitQuestions, type LayoutDetection } from '../../trace/detect.ts';

export interface MappingForm {
  kind: 'pods' | 'rate' | 'requests';
  /** false: the first line is data and columns are positions ("0", "1", ...). */
  header: boolean;
  /** Start column (pods) or time column (rate, requests). '' = not chosen. */
  startColumn: string;
  startFormat: InstantFormat;
  endMode: 'end' | 'duration';
  endColumn: string;
  endFormat: InstantFormat;
  durationColumn: string;
  durationUnit: DurationUnit;
  /** '' = no column: pods get the default size. */
  cpuColumn: string;
  /** '' = a question: detection could not tell the unit and the user must choose (see formFromDetection). */
  cpuUnit: CpuUnit | '';
  memoryColumn: string;
  memoryUnit: MemoryUnit | '';
  classColumn: string;
  /** '' = no filter. */
  filterColumn: string;
  filterEquals: string;
  keepTimeOfDay: boolean;
  /** Pod size when a file has no CPU or memory column (pods), or every pod's size (rate). */
  defaultCpu: string;
  defaultMemory: string;
  /** Rate mode: the value column; request-log mode: the weight column ('' = each request counts 1). */
  valueColumn: string;
  /** Request-log mode: seconds per counting interval. */
  interval: string;
  capacityPerPod: string;
  className: string;
  hpaMin: string;
  /** '' = no maximum. */
  hpaMax: string;
}

export type MappingFormField = keyof MappingForm;

export const EMPTY_FORM: MappingForm = {
  kind: 'pods',
  header: true,
  startColumn: '',
  startFormat: 'seconds',
  endMode: 'duration',
  endColumn: '',
  endFormat: 'seconds',
  durationColumn: '',
  durationUnit: 'seconds',
  cpuColumn: '',
  cpuUnit: 'millicores',
  memoryColumn: '',
  memoryUnit: 'MiB',
  classColumn: '',
  filterColumn: '',
  filterEquals: '',
  keepTimeOfDay: false,
  defaultCpu: String(DEFAULT_POD.cpuMillicores),
  defaultMemory: String(DEFAULT_POD.memoryMiB),
  valueColumn: '',
  interval: String(DEFAULT_REQUEST_INTERVAL),
  capacityPerPod: String(DEFAULT_CAPACITY_PER_POD),
  className: 'default',
  hpaMin: '1',
  hpaMax: '',
};

/** A column reference as the form holds it: the header name, or the position when there is no header. */
function columnText(ref: ColumnRef | undefined, header: readonly string[] | null, hasHeader: boolean): string {
  if (ref === undefined) return '';
  if (typeof ref === 'number') return hasHeader && header && ref < header.length ? header[ref].trim() : String(ref);
  if (!hasHeader) return ref;
  // Names match case-insensitively; show the header's own spelling so the select finds it.
  const own = header?.find((h) => h.trim().toLowerCase() === ref.trim().toLowerCase());
  return own !== undefined ? own.trim() : ref;
}

/** The form showing `mapping` (a detected or saved one), on a file with this header row. */
export function formFromMapping(input: TraceMappingInput, header: readonly string[] | null = null): MappingForm {
  const m = TraceMapping.parse(input);
  // Cluster exports (JSON) have a fixed shape: the dialog shows no form for them.
  if (m.kind === 'prometheus-query-range' || m.kind === 'kubectl-pods') return { ...EMPTY_FORM };
  const col = (ref: ColumnRef | undefined) => columnText(ref, header, m.header);
  const common = {
    ...EMPTY_FORM,
    header: m.header,
    filterColumn: col(m.filter?.column),
    filterEquals: m.filter?.equals ?? '',
    keepTimeOfDay: m.keepTimeOfDay,
  };
  if (m.kind === 'rate' || m.kind === 'requests') {
    return {
      ...common,
      kind: m.kind,
      startColumn: col(m.time.column),
      startFormat: m.time.format,
      valueColumn: m.kind === 'rate' ? col(m.value.column) : col(m.weight?.column),
      interval: m.kind === 'requests' ? String(m.interval) : EMPTY_FORM.interval,
      capacityPerPod: String(m.capacityPerPod),
      defaultCpu: String(m.pod.cpuMillicores),
      defaultMemory: String(m.pod.memoryMiB),
      className: m.className,
      hpaMin: String(m.hpa.minReplicas),
      hpaMax: m.hpa.maxReplicas === undefined ? '' : String(m.hpa.maxReplicas),
    };
  }
  return {
    ...common,
    kind: 'pods',
    startColumn: col(m.start.column),
    startFormat: m.start.format,
    endMode: m.end ? 'end' : 'duration',
    endColumn: col(m.end?.column),
    endFormat: m.end?.format ?? 'seconds',
    durationColumn: col(m.duration?.column),
    durationUnit: m.duration?.unit ?? 'seconds',
    cpuColumn: col(m.cpu?.column),
    cpuUnit: m.cpu?.unit ?? 'millicores',
    memoryColumn: col(m.memory?.column),
    memoryUnit: m.memory?.unit ?? 'MiB',
    classColumn: col(m.class?.column),
    defaultCpu: m.defaultPod ? String(m.defaultPod.cpuMillicores) : EMPTY_FORM.defaultCpu,
    defaultMemory: m.defaultPod ? String(m.defaultPod.memoryMiB) : EMPTY_FORM.defaultMemory,
  };
}

/** A unit question for the dialog: the field, the column, why the values leave it open, the choices. */
export interface UnitQuestion {
  field: 'cpuUnit' | 'memoryUnit';
  column: string;
  reason: string;
  choices: string[];
}

/**
 * The form for a detected mapping, with every unit detection could not tell left blank: the
 * dialog asks about it and the import stays disabled until the user picks one.
 */
export function formFromDetection(detection: LayoutDetection, header: readonly string[] | null = null): { form: MappingForm; questions: UnitQuestion[] } {
  const form = formFromMapping(detection.mapping, header);
  const questions: UnitQuestion[] = unitQuestions(detection).map((q) => ({
    field: q.field === 'cpu' ? 'cpuUnit' : 'memoryUnit',
    column: q.column,
    reason: q.guess.reason,
    choices: q.guess.choices,
  }));
  for (const q of questions) form[q.field] = '';
  return { form, questions };
}

/** Unit questions still open in the form (a column chosen, its unit not): the import waits for them. */
export function unansweredUnits(form: MappingForm): ('cpuUnit' | 'memoryUnit')[] {
  if (form.kind !== 'pods') return [];
  const open: ('cpuUnit' | 'memoryUnit')[] = [];
  if (form.cpuColumn !== '' && form.cpuUnit === '') open.push('cpuUnit');
  if (form.memoryColumn !== '' && form.memoryUnit === '') open.push('memoryUnit');
  return open;
}

export type FormToMapping = { ok: true; mapping: TraceMappingInput } | { ok: false; errors: Partial<Record<MappingFormField, string>> };

/** Which form field a mapping schema path belongs to, so a message shows next to its input. */
function fieldOfPath(path: readonly PropertyKey[], kind: MappingForm['kind']): MappingFormField {
  const [a, b] = path.map(String);
  switch (a) {
    case 'start':
    case 'time':
      return b === 'format' ? 'startFormat' : 'startColumn';
    case 'end':
      return 'endColumn';
    case 'duration':
      return 'durationColumn';
    case 'cpu':
      return 'cpuColumn';
    case 'memory':
      return 'memoryColumn';
    case 'class':
      return 'classColumn';
    case 'filter':
      return b === 'equals' ? 'filterEquals' : 'filterColumn';
    case 'defaultPod':
    case 'pod':
      return b === 'memoryMiB' ? 'defaultMemory' : 'defaultCpu';
    case 'value':
    case 'weight':
      return 'valueColumn';
    case 'interval':
      return 'interval';
    case 'capacityPerPod':
      return 'capacityPerPod';
    case 'className':
      return 'className';
    case 'hpa':
      return b === 'maxReplicas' ? 'hpaMax' : 'hpaMin';
    default:
      return kind === 'pods' ? 'startColumn' : 'startColumn';
  }
}

/**
 * The mapping the form describes, or a message per field. Columns are names with a header and
 * positions without; numbers must be numbers. The result is checked against the TraceMapping
 * schema, so what comes back `ok` is what the importer accepts.
 */
export function mappingFromForm(form: MappingForm): FormToMapping {
  const errors: Partial<Record<MappingFormField, string>> = {};
  const column = (field: MappingFormField, required: boolean, what: string): ColumnRef | undefined => {
    const text = String(form[field]).trim();
    if (text === '') {
      if (required) errors[field] = `choose the ${what} column`;
      return undefined;
    }
    if (form.header) return text;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) {
      errors[field] = 'without a header, columns are positions (0, 1, 2, ...)';
      return undefined;
    }
    return n;
  };
  const number = (field: MappingFormField, what: string, optional = false): number | undefined => {
    const text = String(form[field]).trim();
    if (text === '' && optional) return undefined;
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) {
      errors[field] = `${what} must be a number`;
      return undefined;
    }
    return n;
  };

  // An unanswered unit question blocks the import: the user, not a default, decides.
  const unit = <F extends 'cpuUnit' | 'memoryUnit'>(field: F, what: string): Exclude<MappingForm[F], ''> | undefined => {
    const value = form[field];
    if (value === '') {
      errors[field] = `choose the ${what} unit: the values do not tell`;
      return undefined;
    }
    return value as Exclude<MappingForm[F], ''>;
  };
  const filterColumn = column('filterColumn', false, 'filter');
  const filter = filterColumn === undefined ? undefined : { column: filterColumn, equals: form.filterEquals.trim() };
  const start = column('startColumn', true, form.kind === 'pods' ? 'start' : 'time');
  const podSize = () => ({ cpuMillicores: number('defaultCpu', 'CPU (millicores)'), memoryMiB: number('defaultMemory', 'memory (MiB)') });

  let input: Record<string, unknown>;
  if (form.kind === 'rate' || form.kind === 'requests') {
    const requests = form.kind === 'requests';
    const value = column('valueColumn', !requests, requests ? 'weight' : 'value');
    const interval = requests ? number('interval', 'the interval') : undefined;
    const capacityPerPod = number('capacityPerPod', 'capacity per pod');
    const minReplicas = number('hpaMin', 'minimum replicas');
    const maxReplicas = number('hpaMax', 'maximum replicas', true);
    input = {
      kind: form.kind,
      header: form.header,
      keepTimeOfDay: form.keepTimeOfDay,
      filter,
      time: start === undefined ? undefined : { column: start, format: form.startFormat },
      ...(requests ? { interval, weight: value === undefined ? undefined : { column: value } } : { value: value === undefined ? undefined : { column: value } }),
      capacityPerPod,
      pod: podSize(),
      className: form.className.trim() || 'default',
      hpa: maxReplicas === undefined ? { minReplicas } : { minReplicas, maxReplicas },
    };
  } else {
    const end = form.endMode === 'end' ? column('endColumn', true, 'end') : undefined;
    const duration = form.endMode === 'duration' ? column('durationColumn', true, 'duration') : undefined;
    const cpu = column('cpuColumn', false, 'CPU');
    const memory = column('memoryColumn', false, 'memory');
    const cls = column('classColumn', false, 'class');
    input = {
      kind: 'pods',
      header: form.header,
      keepTimeOfDay: form.keepTimeOfDay,
      filter,
      start: start === undefined ? undefined : { column: start, format: form.startFormat },
      end: end === undefined ? undefined : { column: end, format: form.endFormat },
      duration: duration === undefined ? undefined : { column: duration, unit: form.durationUnit },
      cpu: cpu === undefined ? undefined : { column: cpu, unit: unit('cpuUnit', 'CPU') },
      memory: memory === undefined ? undefined : { column: memory, unit: unit('memoryUnit', 'memory') },
      class: cls === undefined ? undefined : { column: cls },
      // Only saved when a column is missing, so a full mapping stays minimal.
      defaultPod: cpu === undefined || memory === undefined ? podSize() : undefined,
    };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as TraceMappingInput;
  const parsed = TraceMapping.safeParse(clean);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path, form.kind);
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, mapping: clean };
}

/** The options a column select offers: header names, or positions when the file has no header. */
export function columnOptions(header: readonly string[], hasHeader: boolean): { value: string; label: string }[] {
  return header.map((h, i) => (hasHeader ? { value: h.trim(), label: h.trim() || `(column ${i + 1})` } : { value: String(i), label: `column ${i + 1} (e.g. ${h.trim().slice(0, 16)})` }));
}
