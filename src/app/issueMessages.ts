/**
 * Schema messages in the words of the form. The schema's own messages ("must be >= minNodes (4)",
 * "\"abc\" is not a duration; …") already read well and pass through; zod's generic ones
 * ("Invalid input: expected number, received string") are rewritten, with the value the user
 * typed where that helps.
 */
import type { FieldIssue } from '../scenario/parse.ts';
import { getIn } from './draft.ts';

const KIND_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields ({ … })',
  null: 'nothing (null)',
  undefined: 'nothing',
};

function kindWord(kind: string): string {
  return Object.hasOwn(KIND_WORDS, kind) ? KIND_WORDS[kind] : kind;
}

/** The typed value, quoted and cut short, for the message. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

function bound(op: string, n: string, what: 'number' | 'string' | 'array'): string {
  if (what === 'string') return op === '>=' && n === '1' ? 'must not be empty' : `${op.startsWith('>') ? 'at least' : 'at most'} ${n} characters`;
  if (what === 'array') return op === '>=' && n === '1' ? 'add at least one' : `${op.startsWith('>') ? 'at least' : 'at most'} ${n} entries`;
  const words: Record<string, string> = { '>': 'more than', '>=': 'at least', '<': 'less than', '<=': 'at most' };
  return `must be ${words[op] ?? op} ${n}`;
}

/** One message as the form shows it; `value` is what the draft holds at the issue's path. */
export function friendlyMessage(message: string, value: unknown): string {
  let m = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (m) {
    const [, expected, received] = m;
    if (received === 'undefined') return `required: enter ${kindWord(expected)}`;
    if (expected === 'int' && typeof value === 'number') return `must be a whole number, not ${value}`;
    if ((expected === 'number' || expected === 'int') && typeof value === 'string') return value.trim() === '' ? `enter ${kindWord(expected)}` : `${shown(value)} is not ${kindWord(expected)}`;
    return `must be ${kindWord(expected)}, not ${kindWord(received)}${expected === 'array' || expected === 'object' ? ' (fix it in the Advanced: JSON view)' : ''}`;
  }
  m = /^Too (?:small|big): expected (number|string|array|int|bigint) to (?:be|have) ([<>]=?)(-?[\d.e+]+)(?: characters| items)?$/.exec(message);
  if (m) return bound(m[2], m[3], m[1] === 'string' ? 'string' : m[1] === 'array' ? 'array' : 'number');
  m = /^Invalid option: expected one of (.+)$/.exec(message);
  if (m) return `${value === undefined ? 'choose' : `${shown(value)} is not one of the choices; choose`} one of ${m[1].split('|').map((o) => o.replace(/^"|"$/g, '')).join(', ')}`;
  if (message === 'Invalid input') return value === undefined ? 'required' : `${shown(value)} is not valid here`;
  return message;
}

/** The issues with their messages as the form shows them (paths unchanged). */
export function friendlyIssues(issues: readonly FieldIssue[], doc: unknown): FieldIssue[] {
  return issues.map((i) => {
    const message = friendlyMessage(i.message, getIn(doc, i.path));
    return message === i.message ? i : { ...i, message };
  });
}
