import { z } from './zod.ts';
import { echo } from './echo.ts';

/**
 * Edit distance (optimal string alignment: insertions, deletions, substitutions and swaps of two
 * neighbours, each 1) between two short strings; enough to catch a typed key's slips.
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/**
 * The known key nearest to `key` (ignoring case), if it is near enough to be a slip: at most 2
 * edits, or a third of the key's length for long keys. Undefined when nothing is close.
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  // A key longer than any field name by far is not a slip; do not spend time on it.
  if (key.length > 100) return undefined;
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(k, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** The message for keys an object does not have, with the nearest known key for each. */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  let unmatched = false;
  const shown = keys.slice(0, 5).map((key) => {
    const near = nearestKey(key, known);
    if (!near) unmatched = true;
    return `${echo(key)}${near ? ` (did you mean ${near}?)` : ''}`;
  });
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  // The list of fields helps only when no suggestion was found.
  const list = unmatched || more ? `; the fields here are ${known.join(', ')}` : '';
  return `unknown field${keys.length > 1 ? 's' : ''} ${shown.join(', ')}${more}${list}`;
}

/**
 * An object schema that refuses keys it does not know, naming the nearest known one: a misspelt
 * optional field (`scaleDownUnneededTme`) would otherwise be dropped and its default used in silence.
 */
export function strictObject<const Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : undefined),
  });
}
