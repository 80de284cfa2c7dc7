import { headerKey, isBlank } from './columns.ts';
import { TraceImportError } from './errors.ts';
import { DEFAULT_REQUEST_INTERVAL, TraceMapping, type CpuUnit, type DurationUnit, type InstantFormat, type MemoryUnit, type PodSize, type TraceMappingInput } from './mapping.ts';
import { parseDateTime } from './time.ts';
import { guessCpuUnit, guessMemoryUnit, type CpuUnitGuess, type MemoryUnitGuess } from './unitGuess.ts';

/**
 * Proposes a mapping from a file's header and first rows. Known layouts are recognised by their
 * column names; anything else is matched column by column from words in the names (cpu_milli,
 * memory_mib, mem_gb, exec_time_seconds...) and, where the name says nothing about the unit, from
 * the values. Every guess is explained in `notes` so the import dialog can show it and the user
 * can override it.
 */

export type TraceLayout =
  | 'canonical'
  | 'canonical-headerless'
  | 'alibaba-openb'
  | 'alibaba-genai-qps'
  | 'alibaba-genai-requests'
  | 'generic-pods'
  | 'generic-rate'
  | 'request-log'
  | 'prometheus-query-range'
  | 'kubectl-pods';

export interface LayoutDetection {
  layout: TraceLayout;
  mapping: TraceMapping;
  /** One line per decision: which column became what, and why. */
  notes: string[];
  /**
   * How the CPU and memory units were guessed from a column's name and values (generic layouts;
   * known layouts name their units). A guess marked `ambiguous` is a question for the user: the
   * mapping holds the likelier unit, but an import without a user-given mapping refuses it.
   */
  units?: { cpu?: CpuUnitGuess; memory?: MemoryUnitGuess };
}

/** The unit guesses the user must answer before the mapping can be used (empty when none). */
export function unitQuestions(detection: LayoutDetection): { field: 'cpu' | 'memory'; column: string; guess: CpuUnitGuess | MemoryUnitGuess }[] {
  const out: { field: 'cpu' | 'memory'; column: string; guess: CpuUnitGuess | MemoryUnitGuess }[] = [];
  const m = detection.mapping;
  if (m.kind !== 'pods') return out;
  if (detection.units?.cpu?.ambiguous && m.cpu) out.push({ field: 'cpu', column: String(m.cpu.column), guess: detection.units.cpu });
  if (detection.units?.memory?.ambiguous && m.memory) out.push({ field: 'memory', column: String(m.memory.column), guess: detection.units.memory });
  return out;
}

/** Pod size proposed when a file has no CPU or memory column; meant to be edited by the user. */
export const DEFAULT_POD: PodSize = { cpuMillicores: 1000, memoryMiB: 2048 };
/** Rate units one pod serves, proposed for rate series; meant to be edited by the user. */
export const DEFAULT_CAPACITY_PER_POD = 1;

const CANONICAL = ['arrival_s', 'duration_s', 'cpu_m', 'mem_mib'];

/** Lower-case words of a header name: "creationTimestamp" -> creation, timestamp; "mem_GiB" -> mem, gib. */
export function headerWords(name: string): string[] {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const words = (...w: string[]) => new Set(w);
const START_WORDS = words('arrival', 'arrive', 'arrived', 'start', 'started', 'creation', 'create', 'created', 'submit', 'submitted', 'submission', 'begin', 'enqueue', 'enqueued', 'launch', 'launched');
const WEAK_START_WORDS = words('timestamp', 'time', 'ts', 'date', 'datetime', 't', 'scheduled', 'schedule');
const END_WORDS = words('end', 'ended', 'deletion', 'delete', 'deleted', 'finish', 'finished', 'stop', 'stopped', 'completion', 'completed', 'complete', 'termination', 'terminated', 'terminate', 'exit');
const DURATION_WORDS = words('duration', 'runtime', 'elapsed', 'exec', 'execution', 'lifetime', 'walltime', 'latency', 'dur');
const CPU_WORDS = words('cpu', 'cpus', 'vcpu', 'vcpus', 'cores', 'core', 'millicores', 'millicore', 'millicpu', 'mcpu');
const MEMORY_WORDS = words('mem', 'memory', 'ram');
const CLASS_WORDS = words('class', 'qos', 'tier', 'priority', 'category');
const VALUE_WORDS = words('value', 'qps', 'rps', 'rate', 'requests', 'count', 'load', 'throughput', 'tps');

const MILLI_WORDS = words('ms', 'msec', 'msecs', 'millis', 'milliseconds', 'millisecond');
const SECOND_WORDS = words('s', 'sec', 'secs', 'second', 'seconds');
const MINUTE_WORDS = words('min', 'mins', 'minute', 'minutes');
const HOUR_WORDS = words('h', 'hr', 'hrs', 'hour', 'hours');

const hasAny = (ws: readonly string[], set: Set<string>) => ws.some((w) => set.has(w));

interface Column {
  name: string;
  words: string[];
  /** Non-blank sample values. */
  values: string[];
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Sample values as numbers, or null when most of them are not numbers. */
function numericValues(c: Column): number[] | null {
  const nums = c.values.map((v) => +v).filter((v) => Number.isFinite(v));
  return nums.length > 0 && nums.length >= c.values.length * 0.8 ? nums : null;
}

function looksLikeDateTime(c: Column): boolean {
  const ok = c.values.filter((v) => Number.isFinite(parseDateTime(v))).length;
  return ok > 0 && ok >= c.values.length * 0.8;
}

/** Whether the samples can be times at all (numbers or dates); an empty sample gives the benefit of the doubt. */
function canBeTime(c: Column): boolean {
  return c.values.length === 0 || numericValues(c) !== null || looksLikeDateTime(c);
}

function instantFormat(c: Column, notes: string[], role: string): InstantFormat {
  if (hasAny(c.words, MILLI_WORDS)) {
    notes.push(`${role}: "${c.name}" in milliseconds (from its name)`);
    return 'milliseconds';
  }
  const nums = numericValues(c);
  if (nums === null && looksLikeDateTime(c)) {
    notes.push(`${role}: "${c.name}" as date-times (read as UTC when no zone is given)`);
    return 'datetime';
  }
  if (hasAny(c.words, SECOND_WORDS)) {
    notes.push(`${role}: "${c.name}" in seconds (from its name)`);
    return 'seconds';
  }
  const typical = nums ? median(nums) : NaN;
  // Epoch milliseconds are > 1e11 for any date after 1973; relative seconds never get that big.
  if (typical > 1e11) {
    notes.push(`${role}: "${c.name}" as epoch milliseconds (values around ${typical.toExponential(2)})`);
    return 'milliseconds';
  }
  notes.push(`${role}: "${c.name}" in seconds${typical > 1e8 ? ' (epoch)' : ''}`);
  return 'seconds';
}

function durationUnit(c: Column, notes: string[]): DurationUnit {
  const unit: DurationUnit = hasAny(c.words, MILLI_WORDS)
    ? 'milliseconds'
    : hasAny(c.words, MINUTE_WORDS)
      ? 'minutes'
      : hasAny(c.words, HOUR_WORDS)
        ? 'hours'
        : 'seconds';
  const named = unit !== 'seconds' || hasAny(c.words, SECOND_WORDS);
  notes.push(`duration: "${c.name}" in ${unit}${named ? ' (from its name)' : ' (no unit in the name; assumed)'}`);
  return unit;
}

/** A unit guess as a note: `CPU: "cpu_request" in cores (values from 8 to 96: ...; high confidence)`. */
function unitNote(role: string, c: Column, guess: CpuUnitGuess | MemoryUnitGuess): string {
  if (guess.ambiguous) return `${role}: "${c.name}": unit unclear, choose ${guess.choices.join(' or ')} (${guess.reason})`;
  return `${role}: "${c.name}" in ${guess.unit} (${guess.reason}; ${guess.confidence} confidence)`;
}

function buildColumns(header: readonly string[], samples: readonly (readonly string[])[]): Column[] {
  return header.map((name, index) => ({
    name: name.trim(),
    words: headerWords(name),
    values: samples.map((r) => r[index]).filter((v): v is string => v !== undefined && !isBlank(v)),
  }));
}

/** Best column for a role: highest score, first column on ties; excluded columns score 0. */
function pick(columns: Column[], score: (c: Column) => number): Column | undefined {
  let best: Column | undefined;
  let bestScore = 0;
  for (const c of columns) {
    const s = score(c);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

const isEndish = (c: Column) => hasAny(c.words, END_WORDS);
const isDurationish = (c: Column) => hasAny(c.words, DURATION_WORDS);

function startScore(c: Column): number {
  if (isEndish(c) || isDurationish(c) || !canBeTime(c)) return 0;
  if (hasAny(c.words, START_WORDS)) return 3;
  if (c.words.includes('scheduled') || c.words.includes('schedule')) return 1;
  return hasAny(c.words, WEAK_START_WORDS) ? 2 : 0;
}

/** Validates a proposed mapping (filling defaults) and leaves out unset optional parts, so it saves cleanly. */
function validated(mapping: TraceMappingInput): TraceMapping {
  const defined = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined));
  return TraceMapping.parse(defined);
}

function classNote(c: Column | undefined, notes: string[]): { column: string } | undefined {
  if (!c) return undefined;
  notes.push(`class: "${c.name}"`);
  return { column: c.name };
}

/** Headerless canonical file: the first line is already data, all numbers. */
function isHeaderlessCanonical(header: readonly string[]): boolean {
  return header.length >= 4 && header.slice(0, 4).every((v) => !isBlank(v) && Number.isFinite(+v));
}

export function detectLayout(header: readonly string[], sampleRows: readonly (readonly string[])[], fileName = 'trace'): LayoutDetection {
  const keys = header.map(headerKey);
  const has = (...names: string[]) => names.every((n) => keys.includes(n));
  const notes: string[] = [];

  if (has(...CANONICAL)) {
    notes.push('canonical Spillway trace: arrival_s, duration_s (seconds), cpu_m (millicores), mem_mib (MiB)');
    return {
      layout: 'canonical',
      notes,
      mapping: validated({
        kind: 'pods',
        start: { column: 'arrival_s', format: 'seconds' },
        duration: { column: 'duration_s', unit: 'seconds' },
        cpu: { column: 'cpu_m', unit: 'millicores' },
        memory: { column: 'mem_mib', unit: 'MiB' },
        class: keys.includes('class') ? { column: 'class' } : undefined,
      }),
    };
  }

  if (isHeaderlessCanonical(header)) {
    notes.push('no header; the first line is data, read in the canonical column order: arrival (s), duration (s), CPU (millicores), memory (MiB)[, class]');
    return {
      layout: 'canonical-headerless',
      notes,
      mapping: validated({
        kind: 'pods',
        header: false,
        start: { column: 0, format: 'seconds' },
        duration: { column: 1, unit: 'seconds' },
        cpu: { column: 2, unit: 'millicores' },
        memory: { column: 3, unit: 'MiB' },
        class: header.length >= 5 && !Number.isFinite(+header[4]) ? { column: 4 } : undefined,
      }),
    };
  }

  if (has('creation_time', 'deletion_time', 'cpu_milli', 'memory_mib', 'qos')) {
    notes.push('Alibaba GPU cluster pod list (openb, 2023): creation_time to deletion_time in seconds, cpu_milli, memory_mib, class = qos');
    notes.push('pods whose deletion_time is the trace end were still running when the trace was cut');
    return {
      layout: 'alibaba-openb',
      notes,
      mapping: validated({
        kind: 'pods',
        start: { column: 'creation_time', format: 'seconds' },
        end: { column: 'deletion_time', format: 'seconds' },
        cpu: { column: 'cpu_milli', unit: 'millicores' },
        memory: { column: 'memory_mib', unit: 'MiB' },
        class: { column: 'qos' },
      }),
    };
  }

  if (has('timestamp_anon', 'value', 'request_type')) {
    const types = [...new Set(sampleRows.map((r) => r[keys.indexOf('request_type')]?.trim()).filter(Boolean))];
    notes.push('Alibaba GenAI serving QPS series (2026): value summed per timestamp_anon (epoch seconds)');
    if (types.length) notes.push(`request_type seen: ${types.join(', ')}; set a filter to model one of them`);
    notes.push(`capacityPerPod ${DEFAULT_CAPACITY_PER_POD} and pod size ${DEFAULT_POD.cpuMillicores}m / ${DEFAULT_POD.memoryMiB} MiB are placeholders: set what one pod serves and requests`);
    return {
      layout: 'alibaba-genai-qps',
      notes,
      mapping: validated({
        kind: 'rate',
        time: { column: 'timestamp_anon', format: 'seconds' },
        value: { column: 'value' },
        capacityPerPod: DEFAULT_CAPACITY_PER_POD,
        pod: DEFAULT_POD,
      }),
    };
  }

  if (has('gmt_create', 'exec_time_seconds')) {
    notes.push('Alibaba GenAI request log (2026): arrival = gmt_create (date-time), duration = exec_time_seconds');
    notes.push(`no CPU or memory columns: every pod gets ${DEFAULT_POD.cpuMillicores}m / ${DEFAULT_POD.memoryMiB} MiB (a placeholder to set)`);
    if (keys.includes('predict_type')) notes.push('class: "predict_type"');
    return {
      layout: 'alibaba-genai-requests',
      notes,
      mapping: validated({
        kind: 'pods',
        start: { column: 'gmt_create', format: 'datetime' },
        duration: { column: 'exec_time_seconds', unit: 'seconds' },
        defaultPod: DEFAULT_POD,
        class: keys.includes('predict_type') ? { column: 'predict_type' } : undefined,
      }),
    };
  }

  const canonicalSeen = CANONICAL.filter((n) => keys.includes(n));
  if (canonicalSeen.length >= 2) return canonicalWithMissing(header, sampleRows, fileName, notes);

  return detectGeneric(header, sampleRows, fileName, notes);
}

/**
 * A file named in the canonical columns but missing some: the generic reading would give the pods
 * a placeholder size (every pod 2048 MiB) without a word. Accepted only when other columns fill
 * every role (e.g. `memory_gib` instead of `mem_mib`); otherwise the user must add the column or
 * map the columns by hand.
 */
function canonicalWithMissing(header: readonly string[], sampleRows: readonly (readonly string[])[], fileName: string, notes: string[]): LayoutDetection {
  let generic: LayoutDetection | null = null;
  try {
    generic = detectGeneric(header, sampleRows, fileName, notes);
  } catch {
    generic = null;
  }
  if (generic && generic.mapping.kind === 'pods' && !generic.mapping.defaultPod) return generic;
  const keys = header.map(headerKey);
  const missing = CANONICAL.filter((n) => !keys.includes(n)).map((n) => `"${n}"`);
  throw new TraceImportError(
    `looks like a canonical Spillway trace (arrival_s,duration_s,cpu_m,mem_mib[,class]) but has no ${missing.join(', ')} column; add it or map the columns by hand (no pod gets a guessed size); the columns are: ${header.map((h) => h.trim()).join(', ')}`,
    fileName,
  );
}

function detectGeneric(header: readonly string[], sampleRows: readonly (readonly string[])[], fileName: string, notes: string[]): LayoutDetection {
  const columns = buildColumns(header, sampleRows);
  const shown = columns.map((c) => c.name).join(', ');
  const start = pick(columns, startScore);
  if (!start) {
    throw new TraceImportError(`no usable column: found no start time (a column named like arrival, start, creation_time, created, submit_time or timestamp); the columns are: ${shown}`, fileName);
  }
  const rest = columns.filter((c) => c !== start);
  const end = pick(rest, (c) => (isEndish(c) && !isDurationish(c) && canBeTime(c) ? 1 : 0));
  const duration = pick(rest, (c) => (isDurationish(c) && numericValues(c) !== null ? 1 : c.values.length === 0 && isDurationish(c) ? 1 : 0));
  const cpu = pick(rest, (c) => (hasAny(c.words, CPU_WORDS) && !c.words.includes('gpu') ? 1 : 0));
  const memory = pick(rest, (c) => (hasAny(c.words, MEMORY_WORDS) ? 1 : 0));
  const cls = pick(rest, (c) => (hasAny(c.words, CLASS_WORDS) ? 1 : 0));
  const value = pick(rest, (c) => (hasAny(c.words, VALUE_WORDS) && (c.values.length === 0 || numericValues(c) !== null) ? 1 : 0));

  if (!end && !duration && !cpu && !memory && value) {
    const format = instantFormat(start, notes, 'time');
    notes.push(`rate series: "${value.name}" summed per time and served by an autoscaled deployment`);
    notes.push(`capacityPerPod ${DEFAULT_CAPACITY_PER_POD} and pod size ${DEFAULT_POD.cpuMillicores}m / ${DEFAULT_POD.memoryMiB} MiB are placeholders: set what one pod serves and requests`);
    return {
      layout: 'generic-rate',
      notes,
      mapping: validated({
        kind: 'rate',
        time: { column: start.name, format },
        value: { column: value.name },
        capacityPerPod: DEFAULT_CAPACITY_PER_POD,
        pod: DEFAULT_POD,
      }),
    };
  }
  if (!end && !duration && !cpu && !memory && !rest.some((c) => isEndish(c) || isDurationish(c))) {
    return requestLog(start, rest, notes);
  }
  if (!end && !duration) {
    // A column named like an end or a duration whose sample values are not times: say which value.
    const named = rest.find((c) => isEndish(c) || isDurationish(c));
    const notTime = named?.values.find((v) => !Number.isFinite(+v) && !Number.isFinite(parseDateTime(v)));
    if (named && notTime !== undefined) {
      throw new TraceImportError(`no usable column: found a start time ("${start.name}"); "${named.name}" is named like an end time or duration, but its first rows hold values that are not times or numbers, such as "${notTime}"`, fileName);
    }
    throw new TraceImportError(
      `no usable column: found a start time ("${start.name}") but no end time or duration (a column named like end_time, deletion_time, finish, duration or runtime); the columns are: ${shown}. With CPU or memory columns it is read as a pod list, not a request log; choose "one request" in the mapping to count its rows as requests`,
      fileName,
    );
  }

  const startFormat = instantFormat(start, notes, 'start');
  let endSpec: { column: string; format: InstantFormat } | undefined;
  let durationSpec: { column: string; unit: DurationUnit } | undefined;
  // An explicit end beats a duration: it cannot drift from the start's unit.
  if (end) endSpec = { column: end.name, format: instantFormat(end, notes, 'end') };
  else if (duration) durationSpec = { column: duration.name, unit: durationUnit(duration, notes) };
  const cpuGuess = cpu ? guessCpuUnit(cpu.words, cpu.values) : undefined;
  const memoryGuess = memory ? guessMemoryUnit(memory.words, memory.values) : undefined;
  if (cpu && cpuGuess) notes.push(unitNote('CPU', cpu, cpuGuess));
  if (memory && memoryGuess) notes.push(unitNote('memory', memory, memoryGuess));
  const cpuSpec = cpu && cpuGuess ? { column: cpu.name, unit: cpuGuess.unit } : undefined;
  const memorySpec = memory && memoryGuess ? { column: memory.name, unit: memoryGuess.unit } : undefined;
  if (!cpu || !memory) {
    notes.push(`no ${!cpu && !memory ? 'CPU or memory' : !cpu ? 'CPU' : 'memory'} column: pods get ${DEFAULT_POD.cpuMillicores}m / ${DEFAULT_POD.memoryMiB} MiB (a placeholder to set)`);
  }
  return {
    layout: 'generic-pods',
    notes,
    units: { cpu: cpuGuess, memory: memoryGuess },
    mapping: validated({
      kind: 'pods',
      start: { column: start.name, format: startFormat },
      end: endSpec,
      duration: durationSpec,
      cpu: cpuSpec,
      memory: memorySpec,
      defaultPod: !cpu || !memory ? DEFAULT_POD : undefined,
      class: classNote(cls, notes),
    }),
  };
}

/** Words of columns worth weighting a request by (tokens, bytes, images...). */
const WEIGHT_WORDS = words('tokens', 'token', 'bytes', 'size', 'length', 'len', 'images', 'items', 'batch', 'weight', 'cost', 'units');

/**
 * A timestamp per row and nothing saying how long anything ran: each row is one request. The
 * requests are counted per interval into a rate for the HPA model; numeric columns that could
 * weight each request (tokens, bytes) are named but not chosen, since the capacity per pod has to
 * be given in the same unit.
 */
function requestLog(time: Column, rest: Column[], notes: string[]): LayoutDetection {
  const format = instantFormat(time, notes, 'time');
  notes.push(
    `request log: each row is one request at "${time.name}" (no end, duration, CPU, memory or rate column), so requests are counted per ${DEFAULT_REQUEST_INTERVAL} s and the rate (requests per second) is served by a deployment scaled by the HPA model`,
  );
  const weights = rest.filter((c) => numericValues(c) !== null && hasAny(c.words, WEIGHT_WORDS));
  if (weights.length) notes.push(`each request counts 1; to weight requests by a column instead (capacity per pod then in its units per second), choose one of: ${weights.map((c) => c.name).join(', ')}`);
  notes.push(`capacityPerPod ${DEFAULT_CAPACITY_PER_POD} request/s and pod size ${DEFAULT_POD.cpuMillicores}m / ${DEFAULT_POD.memoryMiB} MiB are placeholders: set what one pod serves and requests`);
  return {
    layout: 'request-log',
    notes,
    mapping: validated({
      kind: 'requests',
      time: { column: time.name, format },
      interval: DEFAULT_REQUEST_INTERVAL,
      capacityPerPod: DEFAULT_CAPACITY_PER_POD,
      pod: DEFAULT_POD,
    }),
  };
}
