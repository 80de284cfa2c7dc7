import { draftToJson, jsonToDraft, type Draft } from '../draft.ts';

/**
 * What the user typed in the JSON view, kept by the editor so switching views or re-rendering
 * never throws it away. `doc` is the draft the text was last in step with; `error` is set while
 * the text does not parse (the draft then keeps its last value).
 */
export interface JsonText {
  text: string;
  error: string | null;
  doc: Draft;
}

/** The text the JSON view shows: the user's own while it does not parse, else the draft's. */
export function jsonViewText(doc: Draft, typed: JsonText | null): string {
  if (typed && (typed.error !== null || typed.doc === doc)) return typed.text;
  return draftToJson(doc);
}

/**
 * The advanced view: the draft as JSON. Valid JSON replaces the draft at once (and is checked
 * against the schema like the form); a syntax error is shown and the draft keeps its last value,
 * while the text stays as typed until the user fixes or discards it.
 */
export function JsonView({
  doc,
  typed,
  onTyped,
  onChange,
  id = 'scenario-json',
}: {
  doc: Draft;
  typed: JsonText | null;
  onTyped: (typed: JsonText) => void;
  onChange: (doc: Draft) => void;
  id?: string;
}) {
  const text = jsonViewText(doc, typed);
  const error = typed && typed.error !== null ? typed.error : null;
  const errorId = `${id}-error`;
  return (
    <div className="json-view">
      <label htmlFor={id}>Scenario JSON</label>
      <textarea
        id={id}
        value={text}
        spellCheck={false}
        rows={28}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          const parsed = jsonToDraft(e.target.value);
          if (parsed.ok) {
            onTyped({ text: e.target.value, error: null, doc: parsed.doc });
            onChange(parsed.doc);
          } else onTyped({ text: e.target.value, error: parsed.message, doc });
        }}
      />
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
