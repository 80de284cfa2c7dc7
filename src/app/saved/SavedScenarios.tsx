import { memo, useRef, useState } from 'react';
import '../share/share.css';
import { downloadText, exportFileStem } from '../../charts/exportChart.ts';
import type { FieldIssue } from '../../scenario/parse.ts';
import type { Draft } from '../draft.ts';
import { importScenarioText, scenarioFileText } from './scenarioFile.ts';
import { browserStorage, loadSaved, removeSaved, renameSaved, saveByName, storeSaved, type SavedScenario } from './storage.ts';

function newId(): string {
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Saved scenarios (localStorage) with save, rename, delete and reopen, and scenario files in and
 * out. Names and import errors are user text: rendered as text only.
 */
export const SavedScenarios = memo(function SavedScenarios({ doc, onOpen }: { doc: Draft; onOpen: (doc: Draft) => void }) {
  const storage = useRef(browserStorage());
  const [{ items, problem }, setState] = useState(() => loadSaved(storage.current));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; issues?: FieldIssue[] } | null>(null);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const docName = typeof doc.name === 'string' && doc.name ? doc.name : 'Untitled scenario';

  const commit = (next: SavedScenario[], ok: string) => {
    const error = storeSaved(storage.current, next);
    if (error) {
      setMessage({ kind: 'error', text: error });
      return false;
    }
    setState({ items: next, problem });
    setMessage({ kind: 'ok', text: ok });
    return true;
  };

  const save = () => {
    const n = (name.trim() || docName).slice(0, 120);
    const replacing = items.some((s) => s.name === n);
    if (commit(saveByName(items, n, doc, new Date().toISOString(), newId()), replacing ? `Updated “${n}”.` : `Saved “${n}”.`)) setName('');
  };

  const onImport = async (file: File) => {
    const result = importScenarioText(await file.text(), file.name);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.message, issues: result.issues });
      return;
    }
    if (commit(saveByName(items, result.name, result.doc, new Date().toISOString(), newId()), `Imported “${result.name}” and opened it.`)) onOpen(result.doc);
    else onOpen(result.doc);
  };

  return (
    <section className="saved" aria-labelledby="saved-heading" data-testid="saved">
      <h3 id="saved-heading">Saved scenarios</h3>
      {problem && (
        <p className="banner banner-error" role="alert" data-testid="saved-problem">
          {problem}
        </p>
      )}
      <div className="saved-row">
        <input type="text" aria-label="Name to save as" placeholder={docName} value={name} onChange={(e) => setName(e.target.value)} data-testid="save-name" />
        <button type="button" className="small-button primary" onClick={save} data-testid="save-scenario">
          Save
        </button>
      </div>
      <div className="saved-row">
        <label className="small-button" htmlFor="import-scenario-file">
          Import JSON…
        </label>
        <input
          id="import-scenario-file"
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void onImport(f);
          }}
        />
        <button type="button" className="small-button" onClick={() => downloadText(scenarioFileText(doc), `${exportFileStem(docName, 'scenario')}.json`, 'application/json')}>
          Export current as JSON
        </button>
      </div>
      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'field-error' : 'muted'} data-testid="saved-message">
          <p className={message.kind === 'error' ? 'field-error' : 'muted'}>{message.text}</p>
          {message.issues && message.issues.length > 0 && (
            <ul className="error-list">
              {message.issues.slice(0, 12).map((i, k) => (
                <li key={k}>
                  <code>{i.path || '(scenario)'}</code>: {i.message}
                </li>
              ))}
              {message.issues.length > 12 && <li>… and {message.issues.length - 12} more</li>}
            </ul>
          )}
        </div>
      )}
      {items.length > 0 && (
        <ul className="saved-list" data-testid="saved-list">
          {items.map((s) => (
            <li key={s.id}>
              {renaming?.id === s.id ? (
                <form
                  className="saved-row"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (commit(renameSaved(items, s.id, renaming.name), `Renamed to “${renaming.name.trim()}”.`)) setRenaming(null);
                  }}
                >
                  <input type="text" aria-label={`New name for ${s.name}`} value={renaming.name} autoFocus onChange={(e) => setRenaming({ id: s.id, name: e.target.value })} />
                  <button type="submit" className="small-button">
                    OK
                  </button>
                  <button type="button" className="small-button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <span className="saved-name">{s.name}</span>
                  <time dateTime={s.savedAt}>{new Date(s.savedAt).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}</time>
                  <button type="button" className="small-button" onClick={() => onOpen(structuredClone(s.doc))} aria-label={`Open ${s.name}`}>
                    Open
                  </button>
                  <button type="button" className="small-button" onClick={() => setRenaming({ id: s.id, name: s.name })} aria-label={`Rename ${s.name}`}>
                    Rename
                  </button>
                  <button type="button" className="small-button" onClick={() => downloadText(scenarioFileText(s.doc), `${exportFileStem(s.name, 'scenario')}.json`, 'application/json')} aria-label={`Export ${s.name} as JSON`}>
                    Export
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Delete ${s.name}`}
                    onClick={() => {
                      if (window.confirm(`Delete the saved scenario “${s.name}”?`)) commit(removeSaved(items, s.id), `Deleted “${s.name}”.`);
                    }}
                  >
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
