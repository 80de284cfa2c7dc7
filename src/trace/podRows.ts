import { PodTableBuilder, TooManyClassesError, type PodTable } from '../workload/podTable.ts';
import { isBlank, resolveColumn } from './columns.ts';
import type { RowBatch } from './csvChunks.ts';
import { TraceImportError } from './errors.ts';
import type { InstantFormat, PodRowMapping } from './mapping.ts';
import { plainNumber } from './plainNumber.ts';
import { parseCpuMillicores, parseMemoryMiB } from './quantities.ts';
import { RowIssueLog } from './rowIssues.ts';
import { screenRow, type ScreenTally } from './rowScreen.ts';
import type { SimplificationTally } from './simplifications.ts';
import { DAY_SECONDS, DURATION_UNIT_SECONDS, parseInstant } from './time.ts';

/** What a pods-mode import adds to the report besides the row counts. */
export interface PodRowsOutcome {
  table: PodTable;
  /** The time in the file's own time base that became t = 0. */
  origin: number;
  /** Pods with a blank start (running since the trace start) and a blank end (running at its end). */
  censored: { start: number; end: number };
}

/** "30 s", "1.5 s", "86400 s (24 h)": seconds as a reader checks them against the file. */
function secondsText(s: number): string {
  const text = `${Number(s.toFixed(3))} s`;
  return s >= 3600 ? `${text} (${Number((s / 3600).toFixed(2))} h)` : text;
}

const notA = (what: string, format: InstantFormat) => `${what} not a ${format === 'datetime' ? 'date' : 'number'}`;

/**
 * Reads pod rows (one pod per row) straight into typed arrays. Times are kept in the file's time
 * base until the end, when the trace start is known and everything is rebased to it.
 *
 * Censored pods (blank start or end) are held aside because their times depend on the trace's
 * start and end, which are only known after the last row.
 */
export class PodRowReader implements ScreenTally {
  private readonly builder = new PodTableBuilder();
  private readonly startCol: number;
  private readonly endCol: number;
  private readonly durationCol: number;
  private readonly cpuCol: number;
  private readonly memCol: number;
  private readonly classCol: number;
  private readonly filterCol: number;
  private readonly minColumns: number;
  private readonly durationFactor: number;
  private readonly defaultClassId: number;
  private lastClassName = '';
  private lastClassId = -1;

  private firstTime = Infinity;
  private lastTime = -Infinity;
  /** Censored pods: start and end in the file's time base, NaN where the cell was blank. */
  private readonly censoredPods: { start: number; end: number; duration: number; cpu: number; mem: number; cls: number }[] = [];
  private censoredStart = 0;
  private censoredEnd = 0;
  /** Rows that start before 0: the rebase below moves every pod later, which the report must say. */
  private readonly negativeStarts: RowIssueLog;
  private readonly classColumnName: string;

  accepted = 0;
  filteredOut = 0;
  blankLines = 0;
  /** Counts what the import simplifies in accepted rows (never-scheduled pods, GPU requests); set by the importer. */
  tally: SimplificationTally | null = null;

  constructor(
    private readonly mapping: PodRowMapping,
    header: readonly string[] | null,
    private readonly fileName: string,
    private readonly rejections: RowIssueLog,
    private readonly warnings: RowIssueLog,
  ) {
    const col = (ref: PodRowMapping['start']['column'] | undefined, role: string) => (ref === undefined ? -1 : resolveColumn(ref, header, role, fileName));
    this.startCol = col(mapping.start.column, 'the start time');
    this.endCol = col(mapping.end?.column, 'the end time');
    this.durationCol = col(mapping.duration?.column, 'the duration');
    this.cpuCol = col(mapping.cpu?.column, 'CPU');
    this.memCol = col(mapping.memory?.column, 'memory');
    this.classCol = col(mapping.class?.column, 'the class');
    this.filterCol = col(mapping.filter?.column, 'the filter');
    this.minColumns = Math.max(this.startCol, this.endCol, this.durationCol, this.cpuCol, this.memCol, this.classCol, this.filterCol) + 1;
    this.durationFactor = mapping.duration ? DURATION_UNIT_SECONDS[mapping.duration.unit] : 1;
    this.defaultClassId = this.classCol < 0 ? this.builder.classId('default') : -1;
    this.negativeStarts = new RowIssueLog(fileName);
    const classRef = mapping.class?.column;
    this.classColumnName = classRef === undefined ? '' : typeof classRef === 'number' && header ? header[classRef].trim() : String(classRef);
  }

  /** Reads rows `from` onwards (the header row, if any, is skipped by the caller). */
  read(batch: RowBatch, from: number): void {
    const rows = batch.rows;
    const m = this.mapping;
    const startFormat = m.start.format;
    const endFormat = m.end?.format ?? 'seconds';
    const cpuUnit = m.cpu?.unit ?? 'millicores';
    const memUnit = m.memory?.unit ?? 'MiB';
    const defaultCpu = m.defaultPod?.cpuMillicores ?? NaN;
    const defaultMem = m.defaultPod?.memoryMiB ?? NaN;
    const filterValue = m.filter?.equals.trim() ?? '';
    const { startCol, endCol, durationCol, cpuCol, memCol, classCol, filterCol, minColumns } = this;

    for (let k = from; k < rows.length; k++) {
      if (!screenRow(batch, k, minColumns, filterCol, filterValue, this, this.rejections)) continue;
      const row = rows[k];

      let start = NaN;
      const startText = row[startCol];
      const startBlank = isBlank(startText);
      if (!startBlank) {
        start = parseInstant(startText, startFormat);
        if (!Number.isFinite(start)) {
          this.rejections.add(notA('start time', startFormat), batch, k);
          continue;
        }
      }

      // end: an instant (end column) or NaN when unknown; duration: seconds or NaN when unknown.
      let end = NaN;
      let duration = NaN;
      if (endCol >= 0) {
        const endText = row[endCol];
        if (!isBlank(endText)) {
          end = parseInstant(endText, endFormat);
          if (!Number.isFinite(end)) {
            this.rejections.add(notA('end time', endFormat), batch, k);
            continue;
          }
          if (!startBlank) {
            duration = end - start;
            if (duration < 0) {
              this.rejections.add('end before start', batch, k);
              continue;
            }
          }
        }
      } else {
        const durationText = row[durationCol];
        if (!isBlank(durationText)) {
          duration = plainNumber(durationText) * this.durationFactor;
          if (!Number.isFinite(duration)) {
            this.rejections.add('duration not a number', batch, k);
            continue;
          }
          if (duration < 0) {
            this.rejections.add('negative duration', batch, k);
            continue;
          }
        }
      }

      let cpu = defaultCpu;
      if (cpuCol >= 0) {
        const cpuText = row[cpuCol];
        if (isBlank(cpuText)) {
          this.rejections.add('cpu missing', batch, k);
          continue;
        }
        cpu = parseCpuMillicores(cpuText, cpuUnit);
        if (!Number.isFinite(cpu)) {
          this.rejections.add('cpu not a number', batch, k);
          continue;
        }
        // A pod without a CPU request would be free to place anywhere; capacity needs a size.
        if (cpu <= 0) {
          this.rejections.add('cpu not positive', batch, k);
          continue;
        }
      }

      let mem = defaultMem;
      if (memCol >= 0) {
        const memText = row[memCol];
        if (isBlank(memText)) {
          this.rejections.add('memory missing', batch, k);
          continue;
        }
        mem = parseMemoryMiB(memText, memUnit);
        if (!Number.isFinite(mem)) {
          this.rejections.add('memory not a number', batch, k);
          continue;
        }
        if (mem < 0) {
          this.rejections.add('negative memory', batch, k);
          continue;
        }
      }

      let cls = this.defaultClassId;
      if (classCol >= 0) {
        try {
          cls = this.classIdOf(row[classCol]);
        } catch (e) {
          if (!(e instanceof TooManyClassesError)) throw e;
          // Not one row's fault: the class column holds ids (pod names, UIDs), not classes.
          throw new TraceImportError(`${e.message}: the class column "${this.classColumnName}" looks like an id, not a class; map another column as the class, or none`, this.fileName, batch.line(k));
        }
      }

      // Accepted from here on; what follows only flags.
      this.accepted++;
      if (this.tally !== null) this.tally.observe(row);
      this.flag(start, duration, mem, batch, k);

      const endKnown = endCol >= 0 ? end === end : duration === duration;
      if (startBlank || !endKnown) {
        if (startBlank) this.censoredStart++;
        if (!endKnown) this.censoredEnd++;
        if (!startBlank) this.firstTime = Math.min(this.firstTime, start);
        this.lastTime = Math.max(this.lastTime, startBlank ? -Infinity : start, endKnown && endCol >= 0 ? end : -Infinity);
        this.censoredPods.push({ start, end, duration, cpu, mem, cls });
        continue;
      }
      if (start < this.firstTime) this.firstTime = start;
      if (start + duration > this.lastTime) this.lastTime = start + duration;
      this.builder.add(start, duration, cpu, mem, cls);
    }
  }

  /** Accepted rows that are real but odd, kept and said. */
  private flag(start: number, duration: number, mem: number, batch: RowBatch, k: number): void {
    // Real traces have them (openb requests 0 MiB for some pods); keep them but say so.
    if (mem === 0) this.warnings.add('zero memory', batch, k);
    if (duration === 0) this.warnings.add('zero duration', batch, k);
    if (start < 0) this.negativeStarts.add('negative start', batch, k);
  }

  /**
   * A row read and checked by the canonical fast path (canonicalFast.ts): start and duration
   * known, every check of `read` passed. Counted and flagged exactly as `read` does. `batch` is
   * only asked for line and text when the row is flagged.
   */
  addChecked(start: number, duration: number, cpu: number, mem: number, cls: number, batch: RowBatch, k: number): void {
    this.accepted++;
    if (mem === 0 || duration === 0 || start < 0) this.flag(start, duration, mem, batch, k);
    if (start < this.firstTime) this.firstTime = start;
    if (start + duration > this.lastTime) this.lastTime = start + duration;
    this.builder.add(start, duration, cpu, mem, cls);
  }

  /** Room for about this many pods (see PodTableBuilder.reserve). */
  reserve(pods: number): void {
    this.builder.reserve(pods);
  }

  /** The id of a class cell's name, as `read` gives it (trimmed; blank is 'default'). */
  classIdOfCell(cell: string): number {
    return this.builder.classId(cell.trim() || 'default');
  }

  private classIdOf(cell: string): number {
    // Not before the first class: a blank first cell would match the initial '' and get id -1.
    if (cell === this.lastClassName && this.lastClassId >= 0) return this.lastClassId;
    const name = cell.trim() || 'default';
    this.lastClassName = cell;
    this.lastClassId = this.builder.classId(name);
    return this.lastClassId;
  }

  finish(): PodRowsOutcome {
    // The trace starts at its first known time. A pod that was already running and ended before
    // any other pod started still counts: the trace must have started before that end.
    let first = this.firstTime;
    for (const p of this.censoredPods) if (p.start !== p.start && p.end < first) first = p.end;
    if (!Number.isFinite(first)) first = 0;
    const last = Number.isFinite(this.lastTime) ? Math.max(this.lastTime, first) : first;

    for (const p of this.censoredPods) {
      const arrival = p.start === p.start ? p.start : first;
      // A blank start with a known duration: the pod ran that long from the trace start.
      const end = p.end === p.end ? p.end : p.duration === p.duration ? arrival + p.duration : last;
      this.builder.add(arrival, Math.max(0, end - arrival), p.cpu, p.mem, p.cls);
    }

    const origin = this.mapping.keepTimeOfDay ? Math.floor(first / DAY_SECONDS) * DAY_SECONDS : first;
    const table = this.builder.finish();
    const arrival = table.arrival;
    for (let i = 0; i < table.count; i++) arrival[i] -= origin;
    if (this.negativeStarts.total > 0) {
      this.warnings.addAll(`negative start time: every pod was moved ${secondsText(-origin)} later, so that the trace starts at 0`, this.negativeStarts);
    }
    return { table, origin, censored: { start: this.censoredStart, end: this.censoredEnd } };
  }
}
