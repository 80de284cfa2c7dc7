import { useState } from 'react';
import type { Draft } from '../draft.ts';
import { JsonView, type JsonText } from './JsonView.tsx';

/**
 * The way back when the form failed to render a draft: the draft as JSON, editable. Any valid
 * edit makes a new draft, which retries the form.
 */
export function EditorFallback({ doc, onChange }: { doc: Draft; onChange: (doc: Draft) => void }) {
  const [typed, setTyped] = useState<JsonText | null>(null);
  return (
    <div className="editor-fallback">
      <p className="hint">Edit the scenario as JSON here; the form comes back with the next valid edit.</p>
      <JsonView id="scenario-json-fallback" doc={doc} typed={typed} onTyped={setTyped} onChange={onChange} />
    </div>
  );
}
