import { memo, useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { FieldIssue } from '../../scenario/parse.ts';
import type { BuiltinScenario } from '../builtinScenarios.ts';
import { insertAt, jsonToDraft, listAt, recordAt, removeAt, setIn, uniqueName, type Draft } from '../draft.ts';
import { ImportTraceButton } from '../import/TraceSourceCard.tsx';
import { fieldId, placeIssues } from '../issueFields.ts';
import { newStrategy } from '../strategyDrafts.ts';
import { EditorContext, type EditorContextValue } from './EditorContext.tsx';
import { FieldErrors, Fields } from './fields.tsx';
import { editorFieldPaths, SCENARIO_FIELDS } from './fieldSpecs.ts';
import { JsonView, type JsonText } from './JsonView.tsx';
import { keepUnparsed, keptUnparsed, sessionStorageOrNull } from './unparsedJson.ts';
import { StrategyCard } from './StrategyCard.tsx';
import { WorkloadCard } from './WorkloadCard.tsx';

export interface ScenarioEditorProps {
  doc: Draft;
  onChange: (doc: Draft) => void;
  issues: readonly FieldIssue[];
  builtins: readonly BuiltinScenario[];
  builtinId: string | null;
  onPickBuiltin: (id: string) => void;
}

/** Memoised: progress ticks re-render the header, not the whole form. */
export const ScenarioEditor = memo(function ScenarioEditor({ doc, onChange, issues, builtins, builtinId, onPickBuiltin }: ScenarioEditorProps) {
  const [view, setView] = useState<'form' | 'json'>('form');
  // The JSON view's text lives here, so it survives switching views (see showForm).
  const [typed, setTyped] = useState<JsonText | null>(null);
  const [formRefused, setFormRefused] = useState(false);
  const unparsed = typed !== null && typed.error !== null;
  const showForm = () => {
    // Text that does not parse is not in the draft yet: the form would not show it, so stay here.
    if (unparsed) setFormRefused(true);
    else setView('form');
  };
  const discardTyped = () => {
    setTyped(null);
    keepUnparsed(sessionStorageOrNull(), null, doc);
    setFormRefused(false);
    setView('form');
  };
  // Unparsed text from before a reload comes back once the draft it was typed against is open.
  useEffect(() => {
    if (typed) return;
    const text = keptUnparsed(sessionStorageOrNull(), doc);
    if (text === null) return;
    const parsed = jsonToDraft(text);
    if (parsed.ok) return;
    setTyped({ text, error: parsed.message, doc });
    setView('json');
  }, [doc]); // eslint-disable-line react-hooks/exhaustive-deps
  const fieldPaths = useMemo(() => editorFieldPaths(doc), [doc]);
  const placement = useMemo(() => placeIssues(issues, view === 'form' ? fieldPaths : new Set()), [issues, fieldPaths, view]);
  const ctx: EditorContextValue = useMemo(
    () => ({
      doc,
      update: (path, value) => onChange(setIn(doc, path, value)),
      replace: (updater) => onChange(updater(doc)),
      issuesAt: (path) => placement.byField.get(path) ?? [],
    }),
    [doc, onChange, placement],
  );
  const workload = listAt(doc, 'workload');
  const strategies = listAt(doc, 'strategies');
  const names = strategies.map((s) => nameOf(s));
  const builtin = builtins.find((b) => b.id === builtinId);

  return (
    <EditorContext.Provider value={ctx}>
      <div className="editor">
        <div className="field picker">
          <label htmlFor="builtin-scenario">Built-in scenario</label>
          <select id="builtin-scenario" value={builtinId ?? ''} onChange={(e) => e.target.value && onPickBuiltin(e.target.value)}>
            {builtinId === null && <option value="">(edited scenario)</option>}
            {builtins.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          {builtin && <ScenarioDescription text={builtin.description} />}
        </div>

        <div className="tabs" role="group" aria-label="Editor view">
          <button type="button" aria-pressed={view === 'form'} onClick={showForm}>
            Form
          </button>
          <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
            Advanced: JSON
          </button>
        </div>

        {issues.length > 0 && (
          <div className="issue-summary" role="status">
            <p>
              <strong>
                {issues.length} problem{issues.length === 1 ? '' : 's'} in the scenario.
              </strong>{' '}
              The last good results stay on screen until you fix {issues.length === 1 ? 'it' : 'them'} and run again.
            </p>
            <ul>
              {(view === 'json' ? issues : placement.unplaced).map((i, k) => (
                <li key={k}>
                  <code>{i.path || '(scenario)'}</code>: {i.message}
                </li>
              ))}
              {view === 'form' &&
                [...placement.byField.entries()].map(([path, list]) => (
                  <li key={path}>
                    <a href={`#${fieldId(path)}`} onClick={(e) => focusField(e, path)}>
                      {path}
                    </a>
                    : {list.map((i) => (i.subpath ? `${i.subpath}: ${i.message}` : i.message)).join('; ')}
                  </li>
                ))}
            </ul>
          </div>
        )}

        {view === 'json' ? (
          <>
            {unparsed && formRefused && (
              <div className="notice json-refused" role="alert">
                <p>
                  The JSON has a syntax error, so your edit is not in the scenario yet and the form cannot show it. Fix the error below to go back to the form, or
                  discard the JSON edits.
                </p>
                <button type="button" onClick={discardTyped}>
                  Discard JSON edits and show the form
                </button>
              </div>
            )}
            <JsonView
              doc={doc}
              typed={typed}
              onTyped={(t) => {
                setTyped(t);
                keepUnparsed(sessionStorageOrNull(), t.error === null ? null : t.text, t.doc);
                if (t.error === null) setFormRefused(false);
              }}
              onChange={onChange}
            />
          </>
        ) : (
          <>
            <section className="card" aria-labelledby="scenario-heading">
              <header className="card-header">
                <h3 id="scenario-heading">Scenario</h3>
              </header>
              <div className="field-grid">
                <Fields specs={SCENARIO_FIELDS} base="" />
              </div>
            </section>

            <h2 className="editor-heading">Workload</h2>
            <FieldErrors path="workload" />
            {workload.map((_, i) => (
              <WorkloadCard key={i} index={i} count={workload.length} onRemove={() => onChange(removeAt(doc, 'workload', i))} />
            ))}
            <ImportTraceButton />

            <h2 className="editor-heading">Strategies</h2>
            <FieldErrors path="strategies" />
            {strategies.map((s, i) => (
              <StrategyCard
                key={i}
                index={i}
                count={strategies.length}
                onDuplicate={() => onChange(insertAt(doc, 'strategies', { ...structuredClone(recordAt(doc, `strategies.${i}`)), name: uniqueName(nameOf(s) || 'Strategy', names) }, i + 1))}
                onRemove={() => onChange(removeAt(doc, 'strategies', i))}
              />
            ))}
            <button
              type="button"
              className="add-strategy"
              disabled={strategies.length >= 12}
              onClick={() => onChange(insertAt(doc, 'strategies', newStrategy('nodes', uniqueName('New strategy', names).replace(' (copy)', ''))))}
            >
              + Add strategy
            </button>
          </>
        )}
      </div>
    </EditorContext.Provider>
  );
});

function nameOf(entry: unknown): string {
  const name = entry !== null && typeof entry === 'object' ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '';
}

function focusField(e: MouseEvent, path: string) {
  const el = document.getElementById(fieldId(path)) ?? document.querySelector(`[data-path="${CSS.escape(path)}"]`);
  if (el) {
    e.preventDefault();
    el.scrollIntoView({ block: 'center' });
    if (el instanceof HTMLElement) el.focus({ preventScroll: true });
  }
}

/** First sentence always visible; the rest behind a disclosure so the form stays near the top. */
function ScenarioDescription({ text }: { text: string }) {
  const m = /^(.*?[.!?])\s+(.*)$/s.exec(text);
  if (!m) return <p className="hint scenario-description">{text}</p>;
  return (
    <div className="hint scenario-description">
      <p>{m[1]}</p>
      <details>
        <summary>More about this scenario</summary>
        <p>{m[2]}</p>
      </details>
    </div>
  );
}
