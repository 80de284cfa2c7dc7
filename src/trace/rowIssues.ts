import type { RowBatch } from './csvChunks.ts';
import { TraceImportError } from './errors.ts';

/** A row quoted in the report: where it is in the file and what it says. */
export interface RowExample {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** All rows that share one problem: how many, and the first few of them. */
export interface RowIssue {
  reason: string;
  count: number;
  examples: RowExample[];
}

const EXAMPLES_PER_REASON = 5;

/**
 * Counts rows by reason and keeps the first examples of each, so nothing is dropped silently.
 * Used for rejections (row not imported) and warnings (row imported but suspicious). In strict
 * mode the first rejection is thrown instead, naming file and line.
 */
export class RowIssueLog {
  private readonly byReason = new Map<string, RowIssue>();
  private count = 0;

  constructor(
    private readonly fileName: string,
    private readonly strict = false,
  ) {}

  get total(): number {
    return this.count;
  }

  add(reason: string, batch: RowBatch, k: number): void {
    if (this.strict) throw new TraceImportError(reason, this.fileName, batch.line(k));
    this.count++;
    let issue = this.byReason.get(reason);
    if (!issue) {
      issue = { reason, count: 0, examples: [] };
      this.byReason.set(reason, issue);
    }
    issue.count++;
    if (issue.examples.length < EXAMPLES_PER_REASON) issue.examples.push({ line: batch.line(k), text: batch.text(k) });
  }

  /**
   * Adds every row of `other` under one `reason`, for issues whose wording is only known after the
   * last row (such as by how much the trace was shifted).
   */
  addAll(reason: string, other: RowIssueLog): void {
    for (const issue of other.byReason.values()) {
      let mine = this.byReason.get(reason);
      if (!mine) {
        mine = { reason, count: 0, examples: [] };
        this.byReason.set(reason, mine);
      }
      mine.count += issue.count;
      this.count += issue.count;
      for (const ex of issue.examples) if (mine.examples.length < EXAMPLES_PER_REASON) mine.examples.push(ex);
    }
  }

  /** Most frequent reason first. */
  list(): RowIssue[] {
    return [...this.byReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}
