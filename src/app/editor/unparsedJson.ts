/**
 * JSON-view text that does not parse is not in the draft, so the address bar cannot hold it. It
 * is kept in the tab's sessionStorage instead, with the draft it was typed against, so a reload
 * of the same draft brings the text back. Storage that is missing or full only loses this copy.
 */
import type { Draft } from '../draft.ts';

export const UNPARSED_KEY = 'spillway.unparsedJson.v1';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Kept {
  text: string;
  /** The draft the text was typed against, as JSON. */
  doc: string;
}

export function keepUnparsed(storage: StorageLike | null, text: string | null, doc: Draft): void {
  try {
    if (text === null) storage?.removeItem(UNPARSED_KEY);
    else storage?.setItem(UNPARSED_KEY, JSON.stringify({ text, doc: JSON.stringify(doc) } satisfies Kept));
  } catch {
    /* storage blocked or full: the text stays on screen for this visit */
  }
}

/** The kept text when it was typed against this draft (same JSON), else null. */
export function keptUnparsed(storage: StorageLike | null, doc: Draft): string | null {
  try {
    const raw = storage?.getItem(UNPARSED_KEY);
    if (!raw) return null;
    const kept = JSON.parse(raw) as Partial<Kept>;
    return typeof kept.text === 'string' && kept.doc === JSON.stringify(doc) ? kept.text : null;
  } catch {
    return null;
  }
}

export function sessionStorageOrNull(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
