import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SimulationResult } from '../metrics/result.ts';
import type { FieldIssue } from '../scenario/parse.ts';
import { BUILTIN_SCENARIOS, HEADLINE_SCENARIO_ID } from './builtinScenarios.ts';
import type { Draft } from './draft.ts';
import { ScenarioEditor } from './editor/ScenarioEditor.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { RunCancelledError, SimulationClient, type RunProgress } from './simulationClient.ts';
import { TraceImport } from './import/TraceImport.tsx';
import { traceStore } from './import/traceStore.ts';
import { SavedScenarios } from './saved/SavedScenarios.tsx';
import { ShareBar } from './share/ShareBar.tsx';
import { useShareLink } from './share/useShareLink.ts';
import { PinBar } from './whatif/PinBar.tsx';
import { SweepPanel } from './whatif/SweepPanel.tsx';
import { RunStatusStore, useRunStatusKind } from './runStatus.ts';
import { RunStatusView } from './RunStatusView.tsx';
import { WhatIfPanel } from './whatif/WhatIfPanel.tsx';
import { validateDraft } from './validateDraft.ts';
import { friendlyIssues } from './issueMessages.ts';
import { DEFAULT_MAX_POD_REPLAYS, estimateWork, workRefusal } from '../workload/workEstimate.ts';
import { RenderErrorBoundary } from './RenderErrorBoundary.tsx';
import { EditorFallback } from './editor/EditorFallback.tsx';
import type { Scenario } from '../scenario/scenario.ts';
import { runSeeds } from '../runs/seeds.ts';
import { RunsPool, StudyCancelledError, type RunSample } from './runs/runsPool.ts';
import { RunsControl } from './runs/RunsControl.tsx';
import { RecommendPanel } from './runs/RecommendPanel.tsx';
import { studyView, type StudyView } from './runs/study.ts';

interface Shown {
  result: SimulationResult;
  /** The validated scenario the result is of (a Monte Carlo study replays it with other seeds). */
  scenario: Scenario;
  /** The draft these results were computed from (to flag them as out of date after edits). */
  doc: Draft;
  sloSeconds: number;
}

function initialScenario() {
  return BUILTIN_SCENARIOS.find((b) => b.id === HEADLINE_SCENARIO_ID) ?? BUILTIN_SCENARIOS[0];
}

/** Moves focus to the results without touching the URL's fragment (it holds the scenario link). */
function skipToResults(e: React.MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  const heading = document.getElementById('results-heading');
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

export function App() {
  const client = useMemo(() => new SimulationClient(), []);
  const [builtinId, setBuiltinId] = useState<string | null>(() => initialScenario()?.id ?? null);
  const [doc, setDoc] = useState<Draft>(() => structuredClone(initialScenario()?.doc ?? {}));
  const [workerIssues, setWorkerIssues] = useState<{ doc: Draft; issues: FieldIssue[] } | null>(null);
  const statusStore = useMemo(() => new RunStatusStore(), []);
  const statusKind = useRunStatusKind(statusStore);
  const [shown, setShown] = useState<Shown | null>(null);
  const [pinned, setPinned] = useState<{ result: SimulationResult; at: string } | null>(null);
  const runId = useRef(0);
  const runsPool = useMemo(() => new RunsPool(), []);
  const [runs, setRuns] = useState(1);
  const [study, setStudy] = useState<{ of: Shown; view: StudyView; error?: string } | null>(null);

  const validation = useMemo(() => validateDraft(doc), [doc]);
  const issues = useMemo(() => {
    const list = validation.ok ? [] : validation.issues;
    return friendlyIssues(workerIssues && workerIssues.doc === doc ? [...list, ...workerIssues.issues] : list, doc);
  }, [validation, workerIssues, doc]);

  const run = useCallback(
    (scenarioDoc: Draft) => {
      const parsed = validateDraft(scenarioDoc);
      if (!parsed.ok) {
        statusStore.set({ kind: 'invalid', count: parsed.issues.length });
        return;
      }
      // Refuse, before any pod is made, a workload that would take minutes or grow the tab to
      // gigabytes (a link with 310M pods did); the same estimate and limit as the CLI's.
      const refusal = workRefusal(estimateWork([parsed.scenario]), DEFAULT_MAX_POD_REPLAYS);
      if (refusal) {
        ++runId.current; // a run still in flight no longer shows its results
        statusStore.set({ kind: 'error', message: `not run, the workload is too big for this page: ${refusal}.` });
        return;
      }
      const id = ++runId.current;
      performance.mark('spillway:run-start');
      statusStore.set({ kind: 'running', fraction: 0, label: 'Building workload…' });
      const onProgress = (p: RunProgress) => {
        if (id !== runId.current) return;
        statusStore.set({ kind: 'running', fraction: p.fraction, label: p.phase === 'workload' ? 'Building workload…' : `Simulating ${p.strategyName}…` });
      };
      client.run(parsed.scenario, onProgress, traceStore.tablesFor(parsed.scenario)).then(
        (outcome) => {
          if (id !== runId.current) return;
          if (outcome.ok) {
            performance.mark('spillway:result-received');
            statusStore.set({ kind: 'done', elapsedMs: outcome.elapsedMs, pods: outcome.pods });
            startTransition(() => setShown({ result: outcome.result, doc: scenarioDoc, sloSeconds: parsed.scenario.slo.pendingSeconds, scenario: parsed.scenario }));
          } else {
            setWorkerIssues({ doc: scenarioDoc, issues: outcome.issues });
            statusStore.set({ kind: 'invalid', count: outcome.issues.length });
          }
        },
        (error: unknown) => {
          if (id !== runId.current) return;
          if (error instanceof RunCancelledError) statusStore.set({ kind: 'cancelled' });
          else statusStore.set({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      );
    },
    [client, statusStore],
  );

  const cancel = useCallback(() => {
    client.cancel();
  }, [client]);

  // On first load: the scenario in the URL's `#s1.` link, else the headline scenario, is simulated.
  const share = useShareLink({
    doc,
    scenario: validation.ok ? validation.scenario : null,
    onOpen: (linked) => {
      setBuiltinId(null);
      setDoc(linked);
      run(linked);
    },
    onDefault: () => run(doc),
  });
  useEffect(() => () => client.cancel(), [client]);
  useEffect(() => () => runsPool.cancel(), [runsPool]);

  // A Monte Carlo study of the shown result: runs 2..N on the runs pool (run 1 is the shown
  // result, the scenario's own seed). A new result or another number of runs supersedes it.
  useEffect(() => {
    if (!shown || runs <= 1) {
      setStudy(null);
      runsPool.stop();
      return;
    }
    const seeds = runSeeds(shown.scenario.seed, runs);
    const samples: Array<RunSample | undefined> = new Array(runs - 1);
    let done = 0;
    let shownAt = performance.now();
    performance.mark('spillway:study-start');
    setStudy({ of: shown, view: studyView(shown.result, seeds, samples) });
    runsPool
      .run(shown.scenario, seeds.slice(1), (sample, i) => {
        samples[i] = sample;
        done++;
        // Redrawing five charts per finished run would take the main thread from the workers'
        // messages on two cores: progress at most every 400 ms, and the finished study at once.
        const now = performance.now();
        if (done < runs - 1 && now - shownAt < 400) return;
        shownAt = now;
        const view = studyView(shown.result, seeds, samples);
        if (view.done === view.runs) performance.mark('spillway:study-end');
        setStudy({ of: shown, view });
      }, traceStore.tablesFor(shown.scenario))
      .catch((e: unknown) => {
        if (e instanceof StudyCancelledError) return;
        setStudy((s) => (s && s.of === shown ? { ...s, error: e instanceof Error ? e.message : String(e) } : s));
      });
  }, [shown, runs, runsPool]);

  // Marks when a run's results are fully on screen (the e2e test measures the main thread up to here).
  const onRendered = useCallback(() => performance.mark('spillway:run-end'), []);

  // Ctrl/Cmd+Enter runs from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        run(doc);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, doc]);

  const onPickBuiltin = useCallback(
    (id: string) => {
      const b = BUILTIN_SCENARIOS.find((s) => s.id === id);
      if (!b) return;
      const next = structuredClone(b.doc);
      setBuiltinId(id);
      setDoc(next);
      run(next);
    },
    [run],
  );

  const openDoc = useCallback(
    (next: Draft) => {
      setBuiltinId(null);
      setDoc(next);
      run(next);
    },
    [run],
  );

  const running = statusKind === 'running';
  const stale = shown !== null && shown.doc !== doc;

  return (
    <div className="app" data-status={statusKind}>
      {/* The editor has about a hundred fields before the results: one Tab and Enter skip them. */}
      <a className="skip-link" href="#results-heading" onClick={skipToResults}>
        Skip to results
      </a>
      <header className="app-header">
        <div className="brand">
          <h1>Spillway</h1>
          <p>Kubernetes capacity strategies, replayed: node pools, serverless pods and virtual-node overflow.</p>
        </div>
        <div className="run-controls">
          <button type="button" className="primary" onClick={() => run(doc)} disabled={running} aria-keyshortcuts="Control+Enter">
            {shown ? 'Re-run simulation' : 'Run simulation'}
          </button>
          <button type="button" onClick={cancel} disabled={!running}>
            Cancel
          </button>
          <RenderErrorBoundary area="The run status">
            <RunStatusView store={statusStore} />
          </RenderErrorBoundary>
          <RunsControl runs={runs} onChange={setRuns} />
        </div>
      </header>
      <main className="layout">
        <aside className="editor-column" aria-label="Scenario editor">
          <h2 className="visually-hidden">Scenario editor</h2>
          <RenderErrorBoundary area="Saved scenarios">
            <SavedScenarios doc={doc} onOpen={openDoc} />
          </RenderErrorBoundary>
          <RenderErrorBoundary area="The editor" resetKey={doc} extra={<EditorFallback doc={doc} onChange={setDoc} />}>
            <ScenarioEditor
              doc={doc}
              onChange={setDoc}
              issues={issues}
              builtins={BUILTIN_SCENARIOS}
              builtinId={builtinId}
              onPickBuiltin={onPickBuiltin}
            />
          </RenderErrorBoundary>
        </aside>
        <section className="results-column" aria-labelledby="results-heading">
          <h2 id="results-heading" tabIndex={-1}>
            Results
          </h2>
          <ShareBar share={share} />
          <RenderErrorBoundary area="The what-if sliders" resetKey={doc}>
            <WhatIfPanel doc={doc} onChange={setDoc} run={run} />
          </RenderErrorBoundary>
          {stale && (
            <p className="notice" role="status">
              These results are for an earlier version of the scenario. {issues.length > 0 ? 'Fix the problems in the editor, then re-run.' : 'Re-run to update them.'}
            </p>
          )}
          <RenderErrorBoundary area="The results" resetKey={shown}>
            {shown ? (
              <>
                <PinBar current={shown.result} pinned={pinned} onPin={setPinned} />
                {study?.of === shown && study.error && (
                  <p className="notice warn" role="alert" data-testid="study-error">
                    The Monte Carlo runs stopped: {study.error}. The results below are the scenario's own seed only.
                  </p>
                )}
                <ResultsPanel result={shown.result} sloSeconds={shown.sloSeconds} onRendered={onRendered} pinned={pinned?.result} study={study?.of === shown && !study.error ? study.view : null} scenario={shown.scenario} />
              </>
            ) : (
              <p className="placeholder">{running ? 'Simulating the scenario…' : 'Run the simulation to see results.'}</p>
            )}
          </RenderErrorBoundary>
          <RenderErrorBoundary area="The recommendation">
            <RecommendPanel scenario={validation.ok ? validation.scenario : null} doc={doc} runs={runs} onApply={openDoc} />
          </RenderErrorBoundary>
          <RenderErrorBoundary area="The sweep panel">
            <SweepPanel doc={doc} scenario={validation.ok ? validation.scenario : null} />
          </RenderErrorBoundary>
        </section>
      </main>
      <RenderErrorBoundary area="The trace import">
        <TraceImport doc={doc} onChange={setDoc} />
      </RenderErrorBoundary>
    </div>
  );
}
