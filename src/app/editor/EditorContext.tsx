import { createContext, useContext } from 'react';
import type { PlacedIssue } from '../issueFields.ts';
import type { Draft } from '../draft.ts';

export interface EditorContextValue {
  doc: Draft;
  /** Sets the value at a field path (undefined removes the key so the schema default applies). */
  update: (path: string, value: unknown) => void;
  /** Replaces the whole draft (array edits, kind switches). */
  replace: (updater: (doc: Draft) => Draft) => void;
  issuesAt: (path: string) => PlacedIssue[];
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('useEditor outside EditorContext');
  return ctx;
}
