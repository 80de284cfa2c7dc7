/** What an import will give and what it will drop, before the user accepts it. */
import type { RowIssue, TraceImportReport, TraceSummary } from '../../trace/index.ts';
import { simplificationLines } from '../../trace/importLines.ts';
import { formatCount } from '../format.ts';
import { mappingLines } from '../../trace/mappingLines.ts';
import { ConcurrencyChart } from './ConcurrencyChart.tsx';
import { formatPodHours, formatSpan } from './importFormat.ts';
import { cpuText, memoryText, spreadValue } from '../../trace/requestRange.ts';

function Stat({ id, label, value, note }: { id: string; label: string; value: string; note?: string }) {
  return (
    <div className="stat" data-testid={`import-${id}`}>
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {note && <span className="stat-note"> {note}</span>}
      </dd>
    </div>
  );
}

function IssueList({ issues, testId }: { issues: readonly RowIssue[]; testId: string }) {
  return (
    <ul className="issue-list" data-testid={testId}>
      {issues.map((issue) => (
        <li key={issue.reason}>
          <span className="issue-reason">
            <strong>{formatCount(issue.count)}</strong> {issue.count === 1 ? 'row' : 'rows'}: {issue.reason}
          </span>
          <ul className="row-examples">
            {issue.examples.map((ex) => (
              <li key={`${ex.line}:${ex.text}`}>
                {ex.line > 0 && <span className="line-no">line {ex.line}</span>} <code>{ex.text}</code>
              </li>
            ))}
            {issue.count > issue.examples.length && <li className="muted">and {formatCount(issue.count - issue.examples.length)} more</li>}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export function ImportPreview({ report, summary, window }: { report: TraceImportReport; summary: TraceSummary; window?: { from: number; to?: number } }) {
  const length = summary.span.end - summary.span.start;
  const simplified = simplificationLines(report);
  const clusterExport = report.mapping.kind === 'prometheus-query-range' || report.mapping.kind === 'kubectl-pods';
  // A snapshot's pods all run from 0 to past any horizon: a flat chart says nothing.
  const snapshot = report.mapping.kind === 'kubectl-pods';
  return (
    <div className="import-preview">
      <details className="mapping-lines" data-testid="import-mapping-lines" open>
        <summary>Columns read as</summary>
        <ul>
          {mappingLines(report, 'as set in the mapping').map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
      {report.unitWarnings && report.unitWarnings.length > 0 && (
        <div className="unit-warnings" role="alert" data-testid="import-unit-warnings">
          <strong>Check the units:</strong>
          <ul>
            {report.unitWarnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="stats">
        <Stat id="accepted" label={report.requests ? 'Requests accepted' : report.rate ? 'Samples accepted' : clusterExport ? 'Pods accepted' : 'Rows accepted'} value={formatCount(report.accepted)} note={`of ${formatCount(report.dataRows)}`} />
        <Stat id="rejected" label="Rows rejected" value={formatCount(report.rejected)} />
        {report.filteredOut > 0 && <Stat id="filtered" label="Filtered out" value={formatCount(report.filteredOut)} />}
 {report.requests && (
          <Stat
            id="requests"
            label={report.requests.weightColumn ? `${report.requests.weightColumn} per ${formatSpan(report.requests.interval)}` : `Requests per ${formatSpan(report.requests.interval)}`}
            value={`busiest ${formatCount(report.requests.peak)}`}
            note={`at ${formatSpan(report.requests.peakAt)}, ${formatCount(report.requests.intervals)} intervals`}
          />
        )}
        {report.rate && <Stat id="pods" label="Pods (from the HPA model)" value={formatCount(report.pods)} note={`peak ${formatCount(report.rate.peakReplicas)} replicas`} />}
        <Stat id="censored" label="Censored: at start / at end" value={`${formatCount(summary.censored.start)} / ${formatCount(summary.censored.end)}`} />
        {snapshot ? (
          <Stat id="span" label="Time span" value="snapshot" note="every pod runs from the horizon start past its end" />
        ) : (
          <>
            <Stat id="span" label="Time span" value={formatSpan(length)} />
            <Stat id="pod-hours" label="Pod-hours" value={formatPodHours(summary.podHours)} />
          </>
        )}
        <Stat id="peak" label="Peak concurrency" value={formatCount(summary.peakConcurrency)} note={`pods, at ${formatSpan(summary.peakAt - summary.span.start)}`} />
        {summary.requests &&
          ([
            ['request-range', 'CPU per pod', summary.requests.cpuMillicores, cpuText],
            ['memory-range', 'Memory per pod', summary.requests.memoryMiB, memoryText],
          ] as const).map(([id, label, spread, text]) => (
            <Stat key={id} id={id} label={label} value={spreadValue(spread, text)} note={`median ${text(spread.median)}, over every pod`} />
          ))}
      </dl>
      {!snapshot && <ConcurrencyChart points={summary.concurrency} span={summary.span} peak={summary.peakConcurrency} window={window} />}
      {simplified.length > 0 && (
        <section aria-labelledby="import-simplified-heading">
          <h4 id="import-simplified-heading">What the replay simplifies</h4>
          <ul className="simplified-list" data-testid="import-simplified">
            {simplified.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {report.rejected > 0 ? (
        <section aria-labelledby="import-drops-heading">
          <h4 id="import-drops-heading">Will be dropped ({formatCount(report.rejected)} {report.rejected === 1 ? 'row' : 'rows'})</h4>
          <IssueList issues={report.rejections} testId="import-rejections" />
        </section>
      ) : (
        <p className="muted">No row is dropped.</p>
      )}
      {report.warnings.length > 0 && (
        <details className="import-warnings">
          <summary>Imported, but worth a look ({formatCount(report.warnings.reduce((n, w) => n + w.count, 0))})</summary>
          <IssueList issues={report.warnings} testId="import-warnings" />
        </details>
      )}
    </div>
  );
}
