import type { FieldIssue } from '../scenario/parse.ts';

/** A message placed on a field of the editor; `subpath` is set when the issue is deeper than the field. */
export interface PlacedIssue {
  message: string;
  /** The part of the issue's path below the field it was placed on, e.g. "podStart.sandbox.min". */
  subpath: string;
}

export interface IssuePlacement {
  byField: Map<string, PlacedIssue[]>;
  /** Issues no rendered field or section contains (shown in the summary at the top of the editor). */
  unplaced: FieldIssue[];
}

/**
 * Puts each issue next to the field the editor renders for its path ("strategies.1.nodePool.maxNodes"),
 * or, when that exact field is not on screen, on its nearest rendered ancestor (a section such as
 * "strategies.1"), keeping the rest of the path in the message so it stays actionable. Issues
 * without a rendered ancestor are returned as unplaced, never dropped.
 */
export function placeIssues(issues: readonly FieldIssue[], fieldPaths: ReadonlySet<string>): IssuePlacement {
  const byField = new Map<string, PlacedIssue[]>();
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    const parts = issue.path === '' ? [] : issue.path.split('.');
    let placed = false;
    for (let n = parts.length; n > 0; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (fieldPaths.has(candidate)) {
        const list = byField.get(candidate) ?? [];
        list.push({ message: issue.message, subpath: parts.slice(n).join('.') });
        byField.set(candidate, list);
        placed = true;
        break;
      }
    }
    if (!placed) unplaced.push(issue);
  }
  return { byField, unplaced };
}

/** A DOM id for the input of a field path: "strategies.1.nodePool.maxNodes" -> "f-strategies-1-nodePool-maxNodes". */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_]/g, '-')}`;
}

/** The DOM id of the message element for a field (for aria-describedby). */
export function fieldErrorId(path: string): string {
  return `${fieldId(path)}-error`;
}

/** The text shown for one placed issue. */
export function issueText(issue: PlacedIssue): string {
  return issue.subpath ? `${issue.subpath}: ${issue.message}` : issue.message;
}
