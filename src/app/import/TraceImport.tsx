/**
 * The import flow: a CSV (or a JSON cluster export: Prometheus query_range, kubectl get pods -o json) dropped anywhere on the app (or picked with "Import trace…") opens a
 * dialog that shows the detected layout and proposed mapping with a form to override every
 * field, imports the file in a worker with a progress bar and Cancel, previews what the import
 * gives and drops, and on "Use the trace" makes it the workload or adds it (the user's choice;
 * replace by default), with the part of the trace and the horizon chosen in the preview.
 * Whatever the user typed is kept across errors, cancels and "Back to mapping".
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatCount } from '../format.ts';
import { setIn, type Draft } from '../draft.ts';
import { formatBytes } from './importFormat.ts';
import { ImportPreview } from './ImportPreview.tsx';
import { EMPTY_FORM, formFromDetection, mappingFromForm, unansweredUnits, type MappingForm, type MappingFormField, type UnitQuestion } from './mappingForm.ts';
import { MappingFormView } from './MappingFormView.tsx';
import { ImportCancelledError, TraceImportClient, type HeadOutcome, type ImportOutcome, type TraceImportProgress } from './traceImportClient.ts';
import { sourceNameFromFile, sourceNameProblem, traceSourceNames, withTraceSource } from './traceSource.ts';
import { traceStore, useTraceStore } from './traceStore.ts';
import { planTraceUse, TraceUseOptions, type TraceUseChoice } from './TraceUseOptions.tsx';
import './import.css';

type HeadOk = Extract<HeadOutcome, { ok: true }>;

/** A JSON cluster export: fixed shape, no column mapping (its detection is its mapping). */
const isClusterExport = (head: HeadOk | null) => head?.detection?.layout === 'prometheus-query-range' || head?.detection?.layout === 'kubectl-pods';
type ImportOk = Extract<ImportOutcome, { ok: true }>;

interface Session {
  file: File;
  stage: 'reading' | 'mapping' | 'importing' | 'preview' | 'error';
  head: HeadOk | null;
  form: MappingForm;
  /** Units the values left open: asked in the form; the import waits for the answers. */
  questions: UnitQuestion[];
  formErrors: Partial<Record<MappingFormField, string>>;
  name: string;
  nameError: string | null;
  progress: TraceImportProgress | null;
  result: ImportOk | null;
  error: string | null;
  notice: string | null;
  /** Replace or add, the part of the trace, the horizon: applied on "Use the trace". */
  choice: TraceUseChoice;
}

const LAYOUT_LABELS: Record<string, string> = {
  canonical: 'Spillway canonical trace',
  'canonical-headerless': 'Spillway canonical trace without a header',
  'alibaba-openb': 'Alibaba GPU cluster pod list (openb)',
  'alibaba-genai-qps': 'Alibaba GenAI QPS series',
  'alibaba-genai-requests': 'Alibaba GenAI request log',
  'generic-pods': 'Pod list (columns matched by name)',
  'generic-rate': 'Rate series (columns matched by name)',
  'request-log': 'Request log (one request per row, counted per interval)',
  'prometheus-query-range': 'Prometheus query_range export (kube-state-metrics pod requests)',
  'kubectl-pods': 'kubectl get pods -o json (a snapshot)',
};

export function TraceImport({ doc, onChange }: { doc: Draft; onChange: (doc: Draft) => void }) {
  const client = useMemo(() => new TraceImportClient(), []);
  const [session, setSession] = useState<Session | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const store = useTraceStore();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const dragging = useDropAnywhere();

  useEffect(() => () => client.cancel(), [client]);

  const patch = useCallback((p: Partial<Session>) => setSession((s) => (s ? { ...s, ...p } : s)), []);

  // A new file: read its head in the worker and propose a mapping.
  const request = store.request;
  useEffect(() => {
    if (!request) return;
    traceStore.clearRequest();
    client.cancel();
    const { file } = request;
    const name = request.replaceName ?? sourceNameFromFile(file.name);
    // A new import replaces the workload by default (a user's own pods are the workload they mean);
    // "Replace file…" on a trace source's card replaces that source only.
    const choice: TraceUseChoice = { use: request.replaceName ? 'add' : 'replace', windowFrom: '', windowTo: '', fitHorizon: false };
    setSession({ file, stage: 'reading', head: null, form: EMPTY_FORM, questions: [], formErrors: {}, name, nameError: null, progress: null, result: null, error: null, notice: null, choice });
    client.readHead(file, file.name).then(
      (head) => {
        if (sessionRef.current?.file !== file) return;
        if (!head.ok) {
          patch({ stage: 'error', error: head.message });
          return;
        }
        const { form, questions } = head.detection ? formFromDetection(head.detection, head.header) : { form: { ...EMPTY_FORM, header: true }, questions: [] };
        patch({ stage: 'mapping', head, form, questions });
      },
      (e: unknown) => {
        if (!(e instanceof ImportCancelledError)) patch({ stage: 'error', error: `${file.name}: ${e instanceof Error ? e.message : String(e)}` });
      },
    );
  }, [request, client, patch]);

  // The dialog is modal while a session is open.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (session && !dialog.open) {
      dialog.showModal();
      // Start at the title (read first by screen readers), not on the close button.
      dialog.querySelector<HTMLElement>('#import-title')?.focus();
    }
    if (!session && dialog.open) dialog.close();
  }, [session]);

  const close = useCallback(() => {
    client.cancel();
    setSession(null);
  }, [client]);

  const startImport = useCallback(() => {
    const s = sessionRef.current;
    if (!s) return;
    const converted = isClusterExport(s.head) && s.head?.detection ? ({ ok: true, mapping: s.head.detection.mapping } as const) : mappingFromForm(s.form);
    const nameError = sourceNameProblem(doc, s.name, s.choice.use);
    if (!converted.ok || nameError) {
      patch({ formErrors: converted.ok ? {} : converted.errors, nameError, notice: null });
      return;
    }
    const file = s.file;
    patch({ stage: 'importing', formErrors: {}, nameError: null, progress: { bytesRead: 0, totalBytes: file.size, rowsRead: 0 }, error: null, notice: null, result: null });
    performance.mark('spillway:import-start');
    client
      .importFile(file, file.name, converted.mapping, (progress) => {
        if (sessionRef.current?.file === file) patch({ progress });
      })
      .then(
        (outcome) => {
          if (sessionRef.current?.file !== file) return;
          performance.mark('spillway:import-end');
          if (outcome.ok) patch({ stage: 'preview', result: outcome });
          else patch({ stage: 'error', error: outcome.message });
        },
        (e: unknown) => {
          if (e instanceof ImportCancelledError) return;
          patch({ stage: 'error', error: `${file.name}: ${e instanceof Error ? e.message : String(e)}` });
        },
      );
  }, [client, doc, patch]);

  const cancelImport = useCallback(() => {
    client.cancel();
    patch({ stage: 'mapping', progress: null, notice: 'Import cancelled. Your mapping is kept.' });
  }, [client, patch]);

  const plan = useMemo(() => (session?.result ? planTraceUse(doc, session.name.trim(), session.result.table, session.result.summary, session.choice) : null), [doc, session?.name, session?.result, session?.choice]);
  const acceptProblem = session && plan ? (plan.windowProblem ?? sourceNameProblem(doc, session.name, session.choice.use)) : null;

  const accept = useCallback(() => {
    const s = sessionRef.current;
    if (!s?.result || !plan || acceptProblem) return;
    const name = s.name.trim();
    const { table, report, summary, fingerprint } = s.result;
    traceStore.setImported(name, { fileName: s.file.name, table, report, summary, fingerprint });
    let next = withTraceSource(doc, { name, mapping: report.mapping, fingerprint, window: plan.window }, s.choice.use);
    // Whole hours, as a person would type it ("3585h").
    if (s.choice.fitHorizon && plan.horizonUsed === plan.fittedHorizon) next = setIn(next, 'horizon', `${plan.fittedHorizon / 3600}h`);
    onChange(next);
    setSession(null);
  }, [doc, onChange, plan, acceptProblem]);

  const existing = traceSourceNames(doc);

  return (
    <>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop a CSV trace or a JSON cluster export to import it</p>
        </div>
      )}
      <dialog ref={dialogRef} className="import-dialog" aria-labelledby="import-title" onCancel={(e) => (e.preventDefault(), close())} data-stage={session?.stage ?? 'closed'}>
        {session && (
          <div className="import-body">
            <header className="import-header">
              <h2 id="import-title" tabIndex={-1}>
                Import trace
              </h2>
              <p className="muted">
                <strong>{session.file.name}</strong> · {formatBytes(session.file.size)}
              </p>
              <button type="button" className="close" aria-label="Close the import dialog" onClick={close}>
                ×
              </button>
            </header>

            {session.stage === 'reading' && <p role="status">Reading the first rows…</p>}

            {session.stage === 'error' && (
              <div className="import-error" role="alert" data-testid="import-error">
                <p>{session.error}</p>
              </div>
            )}

            {(session.stage === 'mapping' || (session.stage === 'error' && session.head)) && session.head && (
              <>
                <DetectedLayout head={session.head} />
                {session.notice && (
                  <p className="notice" role="status">
                    {session.notice}
                  </p>
                )}
                <div className="field source-name">
                  <label htmlFor="imp-name">Source name</label>
                  <input id="imp-name" type="text" value={session.name} aria-invalid={session.nameError ? true : undefined} onChange={(e) => patch({ name: e.target.value })} />
                  <span className="hint">
                    {session.choice.use === 'replace'
                      ? 'Replaces the current workload (you can choose to add it instead after the preview).'
                      : existing.includes(session.name.trim())
                        ? `Replaces the trace source "${session.name.trim()}".`
                        : 'Added as a new workload source.'}
                  </span>
                  {session.nameError && (
                    <span className="field-error" role="alert">
                      {session.nameError}
                    </span>
                  )}
                </div>
                {!isClusterExport(session.head) && <MappingFormView form={session.form} header={session.head.header} errors={session.formErrors} questions={session.questions} onChange={(form) => patch({ form })} />}
              </>
            )}

            {session.stage === 'importing' && session.progress && <ImportProgress progress={session.progress} />}

            {session.stage === 'preview' && session.result && (
              <>
                <h3 className="preview-heading">
                  Preview: {formatCount(session.result.report.pods)} pods from {session.head ? (LAYOUT_LABELS[session.head.detection?.layout ?? ''] ?? 'your mapping') : 'your mapping'}
                </h3>
                <ImportPreview report={session.result.report} summary={session.result.summary} window={plan?.window} />
                {plan && <TraceUseOptions doc={doc} name={session.name} report={session.result.report} summary={session.result.summary} plan={plan} choice={session.choice} onChange={(c) => patch({ choice: { ...session.choice, ...c } })} />}
                {acceptProblem && !plan?.windowProblem && (
                  <p className="field-error" role="alert">
                    Source name: {acceptProblem}
                  </p>
                )}
              </>
            )}

            <footer className="import-actions">
              {(session.stage === 'mapping' || (session.stage === 'error' && session.head)) && (
                <>
                  <button type="button" className="primary" onClick={startImport} disabled={unansweredUnits(session.form).length > 0} aria-describedby={unansweredUnits(session.form).length > 0 ? 'imp-unanswered' : undefined}>
                    Import {formatBytes(session.file.size)}
                  </button>
                  {unansweredUnits(session.form).length > 0 && (
                    <span id="imp-unanswered" className="hint">
                      Choose the {unansweredUnits(session.form).map((f) => (f === 'cpuUnit' ? 'CPU' : 'memory')).join(' and ')} unit first: the values do not tell.
                    </span>
                  )}
                </>
              )}
              {session.stage === 'importing' && (
                <button type="button" onClick={cancelImport}>
                  Cancel import
                </button>
              )}
              {session.stage === 'preview' && session.result && (
                <>
                  <button type="button" className="primary" onClick={accept} disabled={acceptProblem !== null}>
                    {session.result.report.rejected > 0 ? `Skip ${formatCount(session.result.report.rejected)} rejected ${session.result.report.rejected === 1 ? 'row' : 'rows'} and use the trace` : 'Use the trace'}
                  </button>
                  <button type="button" onClick={() => patch({ stage: 'mapping', result: null })}>
                    Back to mapping
                  </button>
                </>
              )}
              {session.stage === 'error' && <ChooseFileButton label="Choose another file" />}
              {session.stage !== 'importing' && (
                <button type="button" onClick={close}>
                  {session.stage === 'preview' ? 'Discard' : 'Close'}
                </button>
              )}
            </footer>
          </div>
        )}
      </dialog>
    </>
  );
}

function DetectedLayout({ head }: { head: HeadOk }) {
  const { detection, detectionError } = head;
  return (
    <section className="detected" aria-labelledby="detected-heading">
      <h3 id="detected-heading">{detection ? `Detected: ${LAYOUT_LABELS[detection.layout] ?? detection.layout}` : 'No layout detected'}</h3>
      {detectionError && (
        <p className="import-error" role="alert">
          {detectionError}. Map the columns by hand below.
        </p>
      )}
      {detection && detection.notes.length > 0 && (
        <ul className="detection-notes">
          {detection.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {head.header.length > 0 && (
        <div className="sample-wrap">
          <table className="sample-table">
            <caption className="visually-hidden">First rows of the file</caption>
            <thead>
              <tr>
                {head.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {head.sampleRows.slice(0, 4).map((r, i) => (
                <tr key={i}>
                  {head.header.map((_, j) => (
                    <td key={j}>{r[j] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ImportProgress({ progress }: { progress: TraceImportProgress }) {
  const fraction = progress.totalBytes > 0 ? progress.bytesRead / progress.totalBytes : 0;
  return (
    <div className="import-progress" data-testid="import-progress">
      <progress max={1} value={fraction} aria-label="Import progress" />
      <span role="status">Importing… {formatCount(progress.rowsRead)} rows read</span>
      <span aria-hidden="true">
        {formatBytes(progress.bytesRead)} of {formatBytes(progress.totalBytes)} ({Math.round(fraction * 100)}%)
      </span>
    </div>
  );
}

/** A real file input behind a button-looking label; picking a file opens the import dialog. */
export function ChooseFileButton({ label, replaceName, id }: { label: string; replaceName?: string; id?: string }) {
  const inputId = id ?? `choose-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <span className="file-button">
      <input
        id={inputId}
        type="file"
        accept=".csv,.tsv,.txt,.json,text/csv,text/plain,application/json"
        className="visually-hidden-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) traceStore.requestImport(file, replaceName);
        }}
      />
      <label htmlFor={inputId} className="button-like">
        {label}
      </label>
    </span>
  );
}

/** True while files are dragged over the window; a drop anywhere opens the import dialog. */
function useDropAnywhere(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) traceStore.requestImport(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragleave', leave);
    };
  }, []);
  return dragging;
}
