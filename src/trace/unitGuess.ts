import type { CpuUnit, MemoryUnit } from './mapping.ts';
import { hasQuantitySuffix } from './quantities.ts';

/**
 * The unit of a CPU or memory column, guessed from its name and its values, with the reason and
 * how sure the guess is. A column whose values fit no single unit (2 next to 2000), or fit two
 * units about equally well, is `ambiguous`: the import dialog asks the user, the CLI refuses
 * until a mapping gives the unit. Nothing here picks a unit in silence.
 *
 * The value rule asks, for each unit, two things of every sampled value:
 * - plausible: would a real pod request this much (0.01 to 192 cores; 16 MiB to 1 TiB)?
 * - typical: is it one of the steps people write requests in (cores: 0.25 steps, small integers;
 *   millicores: multiples of 50 from 50 up; MiB: multiples of 64 from 128 up; GiB: small numbers,
 *   tenths or quarters; bytes: tens of megabytes to a terabyte)?
 * A unit is a candidate when at least 95% of the values are plausible in it. One candidate wins;
 * between several, the one whose values are typical more often wins when it leads by a clear
 * margin; otherwise the column is ambiguous.
 */

export type Confidence = 'high' | 'medium' | 'low';

export interface UnitGuess<U extends string> {
  /** The unit to read the column in (for an ambiguous column: the likelier one, to be confirmed). */
  unit: U;
  confidence: Confidence;
  /** True when the user must choose: the values fit no single unit, or two about equally. */
  ambiguous: boolean;
  /** Why, in words a user can check against the file. */
  reason: string;
  /** The units the user chooses between when the column is ambiguous (the guess first). */
  choices: U[];
}

export type CpuUnitGuess = UnitGuess<CpuUnit>;
export type MemoryUnitGuess = UnitGuess<MemoryUnit>;

/** Share of values that must be plausible in a unit for it to be a candidate (a few outliers are allowed). */
const CANDIDATE_SHARE = 0.95;
/** Lead in "typical" share the best candidate needs over the next one; below it the column is ambiguous. */
const CLEAR_MARGIN = 0.5;
const HIGH_MARGIN = 0.8;

interface UnitRule {
  plausible: (v: number, text: string) => boolean;
  typical: (v: number, text: string) => boolean;
}

const isWhole = (v: number) => Math.abs(v - Math.round(v)) < 1e-9;
/** v is a whole multiple of `step` (within floating-point noise). */
const multipleOf = (v: number, step: number) => isWhole(v / step);
/** The text has a decimal point ("40.0", "0.5"): written by someone, or something, counting in fractions. */
const hasPoint = (text: string) => text.includes('.');

const CPU_RULES: Record<CpuUnit, UnitRule> = {
  // Largest common VMs have 192 vCPUs; a request needs at most millicore precision.
  cores: {
    plausible: (v) => v >= 0.001 && v <= 192 && multipleOf(v, 0.001),
    typical: (v) => v <= 128 && (multipleOf(v, 0.25) || (v < 1 && multipleOf(v, 0.05))),
  },
  // Under 10m nobody requests; above 192 cores no node holds it.
  millicores: {
    plausible: (v) => isWhole(v) && v >= 10 && v <= 192_000,
    typical: (v) => v >= 50 && multipleOf(v, 50),
  },
};

const MEMORY_RULES: Partial<Record<MemoryUnit, UnitRule>> = {
  // Pods over 64 GiB are rare, unless the column is written with decimals (40.0, 1.5): a unit
  // counted in fractions is a large one.
  GiB: {
    plausible: (v) => v >= 1 / 64 && v <= 1024,
    typical: (v, text) => v >= 1 / 16 && (v <= 64 || hasPoint(text)) && (multipleOf(v, 0.25) || multipleOf(v, 0.1)),
  },
  // A pod under 16 MiB does not run; one over 4 TiB fits no machine. MiB are written whole.
  MiB: {
    plausible: (v) => v >= 16 && v <= 4_194_304,
    typical: (v, text) => v >= 64 && v <= 1_048_576 && (multipleOf(v, 64) || multipleOf(v, 50)) && !hasPoint(text),
  },
  bytes: {
    plausible: (v) => isWhole(v) && v >= 1e6 && v <= 1e13,
    typical: (v) => v >= 1e7 && v <= 1e12,
  },
};

const CPU_NAME_MILLI = new Set(['m', 'milli', 'mcpu', 'millicores', 'millicore', 'millicpu']);
const CPU_NAME_CORES = new Set(['cores', 'core', 'vcpu', 'vcpus', 'cpus']);
/** Unit words in memory column names; GB/MB/KB are taken as binary (consoles say GB for GiB). */
const MEMORY_NAME_UNITS: [string[], MemoryUnit][] = [
  [['mib', 'mi'], 'MiB'],
  [['gib', 'gi'], 'GiB'],
  [['gb', 'g'], 'GiB'],
  [['mb'], 'MiB'],
  [['kib', 'ki', 'kb', 'k'], 'KiB'],
  [['bytes', 'byte', 'b'], 'bytes'],
];

/** The sampled cells that are plain numbers > 0, with their text. */
function numbers(values: readonly string[]): { v: number; text: string }[] {
  const out: { v: number; text: string }[] = [];
  for (const text of values) {
    const v = +text;
    if (Number.isFinite(v) && v > 0) out.push({ v, text: text.trim() });
  }
  return out;
}

const fmt = (v: number) => (Math.abs(v) >= 1e6 ? v.toExponential(2) : String(+v.toPrecision(6)));

function range(xs: { v: number }[]): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { v } of xs) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // Say how many values the guess saw: it reads the first rows only (the import checks every row
  // after, see unitSanity.ts), and a file sorted by size can hold larger values further down.
  if (xs.length === 1) return `the one value (${fmt(lo)})`;
  const n = `the first ${xs.length.toLocaleString('en-US')} values`;
  return lo === hi ? `${n} (all ${fmt(lo)})` : `${n} (${fmt(lo)} to ${fmt(hi)})`;
}

interface UnitScore<U extends string> {
  unit: U;
  plausible: number;
  typical: number;
  /** A value that is not plausible in this unit, to quote. */
  misfit?: number;
}

function score<U extends string>(rules: Partial<Record<U, UnitRule>>, xs: { v: number; text: string }[]): UnitScore<U>[] {
  return (Object.keys(rules) as U[]).map((unit) => {
    const rule = rules[unit]!;
    let plausible = 0;
    let typical = 0;
    let misfit: number | undefined;
    for (const { v, text } of xs) {
      if (rule.plausible(v, text)) {
        plausible++;
        if (rule.typical(v, text)) typical++;
      } else misfit ??= v;
    }
    return { unit, plausible: plausible / xs.length, typical: typical / xs.length, misfit };
  });
}

/**
 * The value rule shared by CPU and memory. `label` names a unit in messages; `misfitText` says
 * what a value would mean in a unit it does not fit ("2000 cores").
 */
function guessFromValues<U extends string>(
  rules: Partial<Record<U, UnitRule>>,
  xs: { v: number; text: string }[],
  label: (u: U) => string,
  fallback: U,
): UnitGuess<U> {
  const all = Object.keys(rules) as U[];
  if (xs.length === 0) {
    return { unit: fallback, confidence: 'low', ambiguous: true, reason: `no numbers in the first rows to tell ${all.map(label).join(' from ')}`, choices: [fallback, ...all.filter((u) => u !== fallback)] };
  }
  const scores = score(rules, xs);
  const seen = range(xs);
  const candidates = scores.filter((s) => s.plausible >= CANDIDATE_SHARE).sort((a, b) => b.typical - a.typical);
  const misfits = (s: UnitScore<U>) => (s.misfit === undefined ? '' : `${fmt(s.misfit)} ${label(s.unit)}`);
  if (candidates.length === 0) {
    // Values that fit no single unit: the two closest units, by share of plausible values.
    const best = [...scores].sort((a, b) => b.plausible - a.plausible);
    const [a, b] = best;
    return {
      unit: a.unit,
      confidence: 'low',
      ambiguous: true,
      reason: `${seen} fit no single unit: read as ${label(a.unit)} some would be ${misfits(a)}, read as ${label(b.unit)} some would be ${misfits(b)}`,
      choices: best.map((s) => s.unit),
    };
  }
  const [first, second] = candidates;
  const typicalText = (s: UnitScore<U>) => `${Math.round(s.typical * 100)}% of them look like ${label(s.unit)} requests`;
  if (!second) {
    const others = scores.filter((s) => s !== first && s.misfit !== undefined).map(misfits).join(', ');
    const confidence: Confidence = first.typical >= 0.5 ? 'high' : 'medium';
    return { unit: first.unit, confidence, ambiguous: false, reason: `${seen}: ${typicalText(first)}${others ? `; other units would give ${others}` : ''}`, choices: all };
  }
  const margin = first.typical - second.typical;
  if (margin < CLEAR_MARGIN) {
    return {
      unit: first.unit,
      confidence: 'low',
      ambiguous: true,
      reason: `${seen} fit both ${label(first.unit)} (${Math.round(first.typical * 100)}% typical) and ${label(second.unit)} (${Math.round(second.typical * 100)}% typical)`,
      choices: candidates.map((s) => s.unit),
    };
  }
  return {
    unit: first.unit,
    confidence: margin >= HIGH_MARGIN ? 'high' : 'medium',
    ambiguous: false,
    reason: `${seen}: ${typicalText(first)}, ${Math.round(second.typical * 100)}% like ${label(second.unit)}`,
    choices: all,
  };
}

const cpuLabel = (u: CpuUnit) => u;
const memoryLabel = (u: MemoryUnit) => u;

/**
 * The unit of a CPU column from its name's words (see headerWords) and sample cells.
 * A unit in the name wins; values that contradict it lower the confidence and say so.
 */
export function guessCpuUnit(nameWords: readonly string[], values: readonly string[]): CpuUnitGuess {
  const xs = numbers(values);
  const byValues = () => guessFromValues(CPU_RULES, xs, cpuLabel, 'millicores');
  const named: CpuUnit | null = nameWords.some((w) => CPU_NAME_MILLI.has(w)) ? 'millicores' : nameWords.some((w) => CPU_NAME_CORES.has(w)) ? 'cores' : null;
  if (named) return fromName(named, byValues(), xs.length > 0, ['cores', 'millicores']);
  // Kubernetes style ("500m" next to "2"): plain numbers are cores.
  if (values.some((v) => /^\s*[0-9.]+m\s*$/.test(v))) {
    return { unit: 'cores', confidence: 'high', ambiguous: false, reason: 'Kubernetes quantities (500m = millicores, plain numbers = cores)', choices: ['cores', 'millicores'] };
  }
  return byValues();
}

/** The unit of a memory column from its name's words and sample cells; a unit in the name wins. */
export function guessMemoryUnit(nameWords: readonly string[], values: readonly string[]): MemoryUnitGuess {
  const xs = numbers(values);
  const byValues = () => guessFromValues(MEMORY_RULES, xs, memoryLabel, 'MiB');
  for (const [ws, unit] of MEMORY_NAME_UNITS) {
    const word = nameWords.find((w) => ws.includes(w));
    if (word === undefined) continue;
    const loose = ['gb', 'g', 'mb', 'kb', 'k'].includes(word);
    const guess = fromName(unit, byValues(), xs.length > 0 && unit in MEMORY_RULES, ['MiB', 'GiB', 'bytes']);
    return loose ? { ...guess, reason: `${guess.reason}; GB/MB/KB in a column name are taken as binary units` } : guess;
  }
  // With Kubernetes suffixes around, a plain number is bytes, as in a pod spec.
  if (values.some((v) => !Number.isFinite(+v) && hasQuantitySuffix(v))) {
    return { unit: 'bytes', confidence: 'high', ambiguous: false, reason: 'Kubernetes quantities (512Mi, 2Gi, 1G; plain numbers = bytes)', choices: ['MiB', 'GiB', 'bytes'] };
  }
  return byValues();
}

/** A unit named in the column name, checked against what the values say. */
function fromName<U extends string>(named: U, byValues: UnitGuess<U>, checkValues: boolean, choices: U[]): UnitGuess<U> {
  if (checkValues && !byValues.ambiguous && byValues.unit !== named) {
    return { unit: named, confidence: 'medium', ambiguous: false, reason: `from its name; but the values look like ${byValues.unit} (${byValues.reason})`, choices };
  }
  return { unit: named, confidence: 'high', ambiguous: false, reason: 'from its name', choices };
}
