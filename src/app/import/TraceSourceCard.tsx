/**
 * The body of a `trace` workload source's card: where its pods come from (an imported file or a
 * file shipped with a built-in scenario), how many, whether the browser keeps a copy (with
 * "Forget"), and a "Replace file" action.
 */
import { useEffect, useState } from 'react';
import type { TraceMappingInput } from '../../trace/index.ts';
import { formatCount } from '../format.ts';
import { formatSpan } from './importFormat.ts';
import { builtinTrace } from './builtinTraces.ts';
import { ChooseFileButton } from './TraceImport.tsx';
import { draftSeconds } from './traceSource.ts';
import { traceStore, useTraceStore } from './traceStore.ts';

export function TraceSourceCard({ index, source }: { index: number; source: Record<string, unknown> }) {
  const store = useTraceStore();
  const name = typeof source.name === 'string' ? source.name : '';
  const path = typeof source.path === 'string' ? source.path : null;
  const rows = Array.isArray(source.rows) ? source.rows : null;
  const fp = source.fingerprint !== null && typeof source.fingerprint === 'object' ? (source.fingerprint as Record<string, unknown>) : {};
  // A draft can hold any shape here (the schema reports it); only well-typed parts are shown.
  const fingerprint = { rows: typeof fp.rows === 'number' ? fp.rows : undefined, sha256: typeof fp.sha256 === 'string' ? fp.sha256 : undefined };
  const shipped = path && !rows ? builtinTrace(path) : null;
  const mapping = source.mapping as TraceMappingInput | undefined;
  const rawWindow = source.window as { from?: unknown; to?: unknown } | undefined;
  const windowFrom = rawWindow ? draftSeconds(rawWindow.from) : undefined;
  const window = windowFrom !== undefined ? { from: windowFrom, to: draftSeconds(rawWindow?.to) } : null;
  const [forgetNote, setForgetNote] = useState<{ ok: boolean; text: string } | null>(null);

  // A built-in scenario's shipped file is imported as soon as its card shows (the run needs it too).
  useEffect(() => {
    if (shipped) traceStore.loadBuiltin(path!, mapping).catch(() => {});
  }, [shipped?.key, path, mapping]); // eslint-disable-line react-hooks/exhaustive-deps

  let origin: string;
  let count: number | null = null;
  let problem: string | null = null;
  let kept = false;
  if (rows) {
    origin = 'inline rows in the scenario';
    count = rows.length;
  } else if (shipped) {
    origin = `${shipped.fileName}, shipped with Spillway`;
    const load = store.builtin.get(shipped.key);
    if (load?.state === 'loaded') count = load.trace.report.pods;
    else if (load?.state === 'error') problem = load.message;
  } else if (path) {
    origin = path;
    problem = 'The app cannot read files by path; import this file to run the scenario.';
  } else {
    const imported = store.imported.get(name);
    const matches = imported && (!fingerprint?.sha256 || imported.fingerprint.sha256 === fingerprint.sha256);
    origin = matches ? `imported from ${imported.fileName}` : 'imported file';
    if (matches) {
      count = imported.report.pods;
      kept = store.saved.has(name);
    }
    else problem = `The file is not loaded${fingerprint?.rows !== undefined ? ` (${formatCount(fingerprint.rows)} rows` + (fingerprint.sha256 ? `, SHA-256 ${fingerprint.sha256.slice(0, 12)}…)` : ')') : ''}; import it again to run the scenario.`;
  }

  return (
    <div className="trace-source" data-testid={`trace-source-${index}`}>
      <p>
        <span className="trace-count" data-testid="trace-rows">
          {count === null ? (problem ? 'not loaded' : 'loading…') : `${formatCount(count)} pods`}
        </span>{' '}
        <span className="muted">· {origin}</span>
      </p>
      {window && (
        <p className="hint" data-testid="trace-window">
          Replays the part from {formatSpan(window.from)} to {window.to === undefined ? 'its end' : formatSpan(window.to)} after the trace&apos;s first arrival (pods running at its start included); the rest of the file is left out.
        </p>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {kept && (
        <p className="hint" data-testid="trace-kept">
          Kept in this browser, so a reload or a link to this scenario opens without the file.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() =>
              void traceStore.forgetSaved(name).then((ok) =>
                setForgetNote(ok ? { ok, text: 'Forgotten: the browser no longer keeps this trace; a reload will ask for the file.' } : { ok, text: 'The browser did not let Spillway delete its copy (storage blocked?).' }),
              )
            }
          >
            Forget
          </button>
        </p>
      )}
      {forgetNote && (!kept || !forgetNote.ok) && (
        <p className={forgetNote.ok ? 'hint' : 'field-error'} role="status" data-testid="trace-forget-note">
          {forgetNote.text}
        </p>
      )}
      {shipped?.attribution && (
        <p className="hint attribution" data-testid="trace-attribution">
          {shipped.attribution.title.replace(/^derived/, 'Derived')}. Please cite: {shipped.attribution.citation}
        </p>
      )}
      <ChooseFileButton label="Replace file…" replaceName={name} id={`replace-trace-${index}`} />
    </div>
  );
}

/** The editor's "Import trace…" button: a real, labelled file input. */
export function ImportTraceButton() {
  return (
    <div className="import-trace-button">
      <ChooseFileButton label="Import trace…" id="import-trace-file" />
      <span className="hint">or drop a CSV anywhere on the page</span>
    </div>
  );
}
