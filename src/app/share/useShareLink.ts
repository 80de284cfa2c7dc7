import { useCallback, useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../scenario/scenario.ts';
import { decodeDraftLink, encodeDraftLink, verifyTraceFile, type TraceReference } from '../../share/index.ts';
import { MAX_LINK_CHARS } from '../../share/link.ts';
import type { Draft } from '../draft.ts';
import { canonicalCsvRows, missingTraces, withTraceRows, type MissingTrace } from './traceFiles.ts';
import { traceStore } from '../import/traceStore.ts';
import { TraceImportClient } from '../import/traceImportClient.ts';
import type { TraceMappingInput } from '../../trace/index.ts';

let sharedImportClient: TraceImportClient | null = null;
/** One import worker for files a link asks for (started on first use). */
function importClient(): TraceImportClient {
  sharedImportClient ??= new TraceImportClient();
  return sharedImportClient;
}

/** The fragment is rewritten this long after the last edit (encoding minimizes and deflates). */
export const HASH_SYNC_DEBOUNCE_MS = 400;

export interface LinkBanner {
  kind: 'error' | 'info';
  text: string;
}

export interface PendingTraces {
  scenario: Scenario;
  missing: MissingTrace[];
  /** Per missing trace: a message after a failed check. */
  errors: Record<number, string>;
  /** The link's document as written, while no inline rows had to be put back into the scenario. */
  doc?: Draft;
}

export interface CurrentLink {
  url: string;
  references: TraceReference[];
}

export interface ShareLinkOptions {
  doc: Draft;
  /** The draft parsed, or null while it has problems (the address bar still follows the draft; Copy link refuses). */
  scenario: Scenario | null;
  /** Opens a scenario that came from a link: replace the draft and run it. */
  onOpen: (doc: Draft) => void;
  /** Nothing (usable) in the URL: run the draft the app started with. */
  onDefault: () => void;
}

function isLinkHash(hash: string): boolean {
  return /^#s\d/.test(hash);
}

/**
 * Shareable links, app side: opens the `#s1.` link the page was loaded with (or pasted into the
 * address bar), keeps the fragment following the edits (history.replaceState, debounced, so a
 * reload keeps the work and the back button is not flooded), and copies the link.
 *
 * A bad link never replaces the fragment until the user edits something: the link stays in the
 * address bar to be copied again or reported.
 */
export function useShareLink({ doc, scenario, onOpen, onDefault }: ShareLinkOptions) {
  const [banner, setBanner] = useState<LinkBanner | null>(null);
  const [pending, setPending] = useState<PendingTraces | null>(null);
  /** The draft as opened; the fragment is only rewritten once the draft differs from it. */
  const openedDoc = useRef<Draft | null>(null);
  const written = useRef<string>('');
  const handlers = useRef({ onOpen, onDefault });
  handlers.current = { onOpen, onDefault };
  const docRef = useRef(doc);
  docRef.current = doc;
  const openDefault = useCallback(() => {
    openedDoc.current = docRef.current;
    handlers.current.onDefault();
  }, []);

  /** `live()` false: the effect that asked was cleaned up (StrictMode runs mount effects twice in development). */
  const openHash = useCallback(
    async (hash: string, initial: boolean, live: () => boolean = () => true) => {
      const decoded = await decodeDraftLink(hash);
      if (!live()) return;
      if (!decoded.ok && decoded.doc) {
        // A draft with problems (the user's own, reloaded, or one shared before it was fixed):
        // opened as written so nothing is lost; the editor lists the problems.
        setBanner({ kind: 'info', text: 'The scenario in this link has problems, so it was not run. It is open in the editor as it was written: fix the problems listed there, then run it.' });
        setPending(null);
        const draft = decoded.doc as Draft;
        openedDoc.current = draft;
        written.current = hash;
        handlers.current.onOpen(draft);
        return;
      }
      if (!decoded.ok) {
        setBanner({ kind: 'error', text: `This scenario link could not be opened: ${decoded.message}. ${initial ? 'The default scenario is shown instead.' : 'The current scenario is kept.'}` });
        if (initial) openDefault();
        return;
      }
      // Trace files imported in this browser before (same source name, same SHA-256) are not asked
      // for again. Only a link that needs such files waits for the browser's storage (which gives up
      // after a few seconds when it does not answer: see traceCache).
      const notInLink = missingTraces(decoded.scenario);
      if (notInLink.length > 0) await traceStore.restored;
      if (!live()) return;
      const storageNote = notInLink.length > 0 && traceStore.restoreProblem ? ` (Not looked up in this browser: ${traceStore.restoreProblem}.)` : '';
      const known = notInLink.filter((m) => traceStore.hasImported(m.name, m.fingerprint.sha256));
      const missing = notInLink.filter((m) => !known.includes(m));
      if (missing.length > 0) {
        setPending({ scenario: decoded.scenario, missing, errors: {}, doc: decoded.doc as Draft });
        setBanner({
          kind: 'info',
          text: `The linked scenario “${decoded.scenario.name}” replays ${missing.length === 1 ? 'a trace file' : `${missing.length} trace files`} that ${missing.length === 1 ? 'is' : 'are'} not in the link. Choose the file below; it is checked against the link before anything runs.${storageNote}`,
        });
        if (initial) openDefault();
        return;
      }
      setBanner(
        known.length > 0
          ? { kind: 'info', text: `Using ${known.map((m) => `“${m.name}”`).join(', ')} as imported earlier in this browser (the same file${known.length === 1 ? '' : 's'}: SHA-256 checked).` }
          : null,
      );
      setPending(null);
      const draft = decoded.doc as Draft;
      openedDoc.current = draft;
      written.current = hash;
      handlers.current.onOpen(draft);
    },
    [openDefault],
  );

  // The link the page was opened with (or the default scenario), on mount.
  useEffect(() => {
    let live = true;
    const hash = window.location.hash;
    if (isLinkHash(hash)) void openHash(hash, true, () => live);
    else openDefault();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A link pasted into the address bar of the open app.
  useEffect(() => {
    const onHash = () => {
      const hash = window.location.hash;
      if (isLinkHash(hash) && hash !== written.current) void openHash(hash, false);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [openHash]);

  // The fragment follows the edits, valid or not, so a reload opens the draft as it was. The draft
  // as opened needs no new fragment (encoding it anyway cost main thread during the first run).
  useEffect(() => {
    if (openedDoc.current === null || doc === openedDoc.current) return;
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      try {
        const { fragment } = await encodeDraftLink(doc, scenario);
        if (cancelled || fragment.length > MAX_LINK_CHARS) return;
        if (window.location.hash !== fragment) {
          written.current = fragment;
          history.replaceState(history.state, '', fragment);
        }
      } catch {
        /* a scenario that cannot be encoded keeps the last link; Copy reports the problem */
      }
    }, HASH_SYNC_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [doc, scenario]);

  /** The link for the draft as it is now (not waiting for the debounce). */
  const linkNow = useCallback(async (): Promise<CurrentLink> => {
    if (!scenario) throw new Error('the scenario has problems; fix them to share it');
    const { fragment, references } = await encodeDraftLink(doc, scenario);
    return { url: `${window.location.origin}${window.location.pathname}${window.location.search}${fragment}`, references };
  }, [doc, scenario]);

  /** Checks a chosen file against the link's fingerprint; opens the scenario once every file is there. */
  const provideTrace = useCallback(
    async (index: number, file: File) => {
      if (!pending) return;
      const ref = pending.missing.find((m) => m.index === index);
      if (!ref) return;
      const source = pending.scenario.workload[index];
      const fail = (message: string) => setPending({ ...pending, errors: { ...pending.errors, [index]: message } });
      let scenarioWithRows: Scenario;
      let writtenDoc = pending.doc;
      if (source.type === 'trace' && source.mapping) {
        // A trace imported in the app: import the file again with the mapping the link carries,
        // and check it is the same file (its SHA-256) before using it.
        const outcome = await importClient().importFile(file, file.name, source.mapping as TraceMappingInput, () => {});
        if (!outcome.ok) return fail(outcome.message);
        if (outcome.fingerprint.sha256 !== ref.fingerprint.sha256) {
          return fail(`${file.name} is not the file this link was made with (${ref.fingerprint.rows.toLocaleString('en-US')} rows, SHA-256 ${ref.fingerprint.sha256.slice(0, 12)}…); pick that file`);
        }
        traceStore.setImported(source.name, { fileName: file.name, table: outcome.table, report: outcome.report, summary: outcome.summary, fingerprint: outcome.fingerprint });
        scenarioWithRows = pending.scenario;
      } else {
        const text = await file.text();
        const verdict = await verifyTraceFile(text, ref.fingerprint, file.name);
        if (!verdict.ok) return fail(verdict.message);
        try {
          scenarioWithRows = withTraceRows(pending.scenario, index, canonicalCsvRows(text));
          writtenDoc = undefined;
        } catch (e) {
          return fail(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      const missing = pending.missing.filter((m) => m.index !== index);
      if (missing.length > 0) {
        setPending({ scenario: scenarioWithRows, missing, errors: {}, doc: writtenDoc });
        return;
      }
      setPending(null);
      setBanner({ kind: 'info', text: `Checked ${file.name} against the link: it is the same trace. The linked scenario is open.` });
      const draft = writtenDoc ?? (JSON.parse(JSON.stringify(scenarioWithRows)) as Draft);
      openedDoc.current = draft;
      handlers.current.onOpen(draft);
    },
    [pending],
  );

  return {
    banner,
    dismissBanner: useCallback(() => setBanner(null), []),
    pending,
    cancelPending: useCallback(() => {
      setPending(null);
      setBanner(null);
    }, []),
    provideTrace,
    linkNow,
  };
}

export type ShareLinkState = ReturnType<typeof useShareLink>;
