import { TraceImportError } from './errors.ts';
import type { RowIssue } from './rowIssues.ts';

/**
 * JSON exports from a cluster (Prometheus query_range responses, `kubectl get pods -o json`):
 * the parts both importers share. A JSON file is read whole (JSON.parse), unlike CSV; the README
 * recipes keep these files to tens of MB by their query step.
 */

/** Whether a file's first characters make it JSON rather than CSV (after a BOM and whitespace). */
export function looksLikeJson(head: string): boolean {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/**
 * The JSON values in a text: one value, or several written one after another (what
 * `{ curl ...; curl ...; } > file.json` gives: one response per query or time range).
 * Throws "file: not valid JSON ..." naming the value and the position.
 */
export function parseJsonValues(text: string, fileName: string): unknown[] {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return [JSON.parse(body)];
  } catch (whole) {
    // Several concatenated values: split at the top level (outside strings), then parse each.
    const values: unknown[] = [];
    let depth = 0;
    let inString = false;
    let start = -1;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') {
        if (depth === 0) start = i;
        depth++;
      } else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          try {
            values.push(JSON.parse(body.slice(start, i + 1)));
          } catch (e) {
            throw new TraceImportError(`not valid JSON (value ${values.length + 1}, starting at character ${start + 1}): ${(e as Error).message}`, fileName);
          }
        }
      } else if (depth === 0 && !/\s/.test(c)) {
        throw new TraceImportError(`not valid JSON: ${(whole as Error).message}`, fileName);
      }
    }
    if (depth !== 0 || values.length === 0) throw new TraceImportError(`not valid JSON: ${(whole as Error).message}`, fileName);
    return values;
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Problems with items of a JSON export (a series, a pod), by reason, with the first few items
 * named. JSON has no useful line numbers, so examples carry line 0 and name the item in `text`.
 * In strict mode the first one is thrown, naming the file and the item.
 */
export class JsonIssueLog {
  private readonly byReason = new Map<string, RowIssue>();
  total = 0;

  constructor(
    private readonly fileName: string,
    private readonly strict = false,
  ) {}

  add(reason: string, item: string): void {
    if (this.strict) throw new TraceImportError(`${item}: ${reason}`, this.fileName);
    this.total++;
    let issue = this.byReason.get(reason);
    if (!issue) {
      issue = { reason, count: 0, examples: [] };
      this.byReason.set(reason, issue);
    }
    issue.count++;
    if (issue.examples.length < 5) issue.examples.push({ line: 0, text: item });
  }

  list(): RowIssue[] {
    return [...this.byReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}
