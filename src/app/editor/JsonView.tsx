import { useState } from 'react';
import { draftToJson, jsonToDraft, type Draft } from '../draft.ts';

/**
 * The advanced view: the draft as JSON. Valid JSON replaces the draft at once (and is checked
 * against the schema like the form); a syntax error is shown and the draft keeps its last value,
 * so the text being typed is never thrown away.
 */
export function JsonView({ doc, onChange }: { doc: Draft; onChange: (doc: Draft) => void }) {
  const [text, setText] = useState(() => draftToJson(doc));
  const [error, setError] = useState<string | null>(null);
  const [prevDoc, setPrevDoc] = useState(doc);
  if (prevDoc !== doc) {
    setPrevDoc(doc);
    const parsed = jsonToDraft(text);
    if (!parsed.ok || JSON.stringify(parsed.doc) !== JSON.stringify(doc)) {
      setText(draftToJson(doc));
      setError(null);
    }
  }
  return (
    <div className="json-view">
      <label htmlFor="scenario-json">Scenario JSON</label>
      <textarea
        id="scenario-json"
        value={text}
        spellCheck={false}
        rows={28}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'scenario-json-error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = jsonToDraft(e.target.value);
          if (parsed.ok) {
            setError(null);
            onChange(parsed.doc);
          } else setError(parsed.message);
        }}
      />
      {error && (
        <p className="field-error" id="scenario-json-error">
          {error}
        </p>
      )}
    </div>
  );
}
