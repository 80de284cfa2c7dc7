import type { TraceImportReport } from './report.ts';

/**
 * Where an imported trace's time 0 is in the file's own time base, as a person reads it:
 * "its first arrival, 427061 s in the file", "its first arrival, 2023-11-16 18:17:03 UTC in the
 * file" or, with `keepTimeOfDay`, "midnight UTC of its first day, 2023-11-16". Rate series start
 * at their first sample instead of a first arrival.
 */
export function traceOriginText(report: Pick<TraceImportReport, 'mapping' | 'origin'>): string {
  const m = report.mapping;
  // JSON cluster exports carry unix seconds.
  if (m.kind === 'prometheus-query-range' || m.kind === 'kubectl-pods') {
    const iso = new Date(report.origin * 1000).toISOString().slice(0, 19).replace('T', ' ');
    return m.kind === 'kubectl-pods' ? `the snapshot (its latest pod start, ${iso} UTC); every pod arrives at 0` : `the range's first sample, ${iso} UTC`;
  }
  const format = m.kind === 'pods' ? m.start.format : m.time.format;
  const first = m.kind === 'pods' ? 'its first arrival' : 'its first sample';
  if (format === 'datetime' || m.keepTimeOfDay) {
    const iso = new Date(report.origin * 1000).toISOString();
    if (m.keepTimeOfDay) return `midnight UTC of its first day, ${format === 'datetime' ? iso.slice(0, 10) : `${report.origin} s`} in the file`;
    return `${first}, ${iso.slice(0, 19).replace('T', ' ')} UTC in the file`;
  }
  const unit = format === 'milliseconds' ? 'ms' : 's';
  const value = format === 'milliseconds' ? report.origin * 1000 : report.origin;
  return `${first}, ${+value.toPrecision(15)} ${unit} in the file`;
}
