import { memo, useEffect, useMemo, useRef, useState } from 'react';
import './whatif.css';
import { INSTANCE_TYPES } from '../../pricing/instanceTypes.ts';
import { validateDraft } from '../validateDraft.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import type { Draft } from '../draft.ts';
import { applyKnobs, changedKnobs, knobApplies, knobBaseline, knobValue, NEUTRAL_KNOBS, sliderSpecs, type Knobs } from './knobs.ts';

/** Slider moves closer together than this start one run (the newest); a newer run cancels an older one. */
export const LIVE_DEBOUNCE_MS = 20;

interface Anchor {
  doc: Draft;
  scenario: Scenario;
}

export interface WhatIfPanelProps {
  doc: Draft;
  onChange: (doc: Draft) => void;
  /** Runs the simulation; starting a run while one is in flight cancels that one. */
  run: (doc: Draft) => void;
}

/**
 * Live what-if sliders. They edit the scenario itself (so the editor, the link and saved
 * scenarios all follow), always from the anchor: the draft as it was when the first slider moved.
 * Any other edit makes the edited draft the new anchor and puts the sliders back to neutral.
 */
export const WhatIfPanel = memo(function WhatIfPanel({ doc, onChange, run }: WhatIfPanelProps) {
  const [knobs, setKnobs] = useState<Knobs>(NEUTRAL_KNOBS);
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const applied = useRef<Draft | null>(null);
  const timer = useRef(0);

  // An edit that did not come from here re-anchors the sliders.
  useEffect(() => {
    if (doc === applied.current) return;
    const parsed = validateDraft(doc);
    setAnchor(parsed.ok ? { doc, scenario: parsed.scenario } : null);
    setKnobs(NEUTRAL_KNOBS);
    applied.current = null;
  }, [doc]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const base = useMemo(() => (anchor ? knobBaseline(anchor.scenario) : null), [anchor]);
  const specs = useMemo(() => (base ? sliderSpecs(base) : []), [base]);
  const changed = changedKnobs(knobs);

  const set = (next: Knobs) => {
    if (!anchor) return;
    setKnobs(next);
    const nextDoc = applyKnobs(anchor.doc, anchor.scenario, next);
    applied.current = nextDoc;
    onChange(nextDoc);
    clearTimeout(timer.current);
    performance.mark('spillway:slider-input');
    timer.current = window.setTimeout(() => run(nextDoc), LIVE_DEBOUNCE_MS);
  };

  return (
    <section className="whatif panel-box" aria-labelledby="whatif-heading" data-testid="whatif">
      <div className="panel-head">
        <h3 id="whatif-heading">What if…</h3>
        <span className="muted">Results re-run as you move a slider.</span>
        <button type="button" className="small-button" disabled={changed.length === 0} onClick={() => set(NEUTRAL_KNOBS)}>
          Reset sliders{changed.length ? ` (${changed.length})` : ''}
        </button>
      </div>
      {!anchor || !base ? (
        <p className="muted">Fix the problems in the scenario to use the sliders.</p>
      ) : (
        <div className="knob-grid">
          {specs.map((s) => {
            const enabled = knobApplies(s.key, base);
            const value = knobValue(s.key, knobs, base);
            const id = `knob-${s.key}`;
            return (
              <div key={s.key} className={`knob${enabled ? '' : ' knob-off'}${knobs[s.key] !== NEUTRAL_KNOBS[s.key] ? ' knob-moved' : ''}`}>
                <label htmlFor={id}>
                  {s.label} <output htmlFor={id}>{enabled ? s.format(value) : 'n/a'}</output>
                </label>
                <input
                  id={id}
                  type="range"
                  min={s.min}
                  max={Math.max(s.max, value)}
                  step={s.step}
                  value={value}
                  disabled={!enabled}
                  aria-describedby={`${id}-help`}
                  aria-valuetext={s.format(value)}
                  onChange={(e) => set({ ...knobs, [s.key]: Number(e.target.value) })}
                />
                <p id={`${id}-help`} className="hint">
                  {enabled ? s.help : 'Nothing in this scenario to apply it to.'}
                </p>
              </div>
            );
          })}
          <div className={`knob${base.instanceType === null ? ' knob-off' : ''}`}>
            <label htmlFor="knob-instanceType">Instance type (all node pools)</label>
            <select
              id="knob-instanceType"
              value={knobs.instanceType ?? base.instanceType ?? ''}
              disabled={base.instanceType === null}
              onChange={(e) => set({ ...knobs, instanceType: e.target.value === base.instanceType ? null : e.target.value })}
            >
              {base.instanceType !== null && !INSTANCE_TYPES.some((t) => t.name === base.instanceType) && <option value={base.instanceType}>{base.instanceType} (custom)</option>}
              {INSTANCE_TYPES.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} — {t.vcpu} vCPU, {t.memoryGiB} GiB, ${t.pricePerHour}/h
                </option>
              ))}
            </select>
            <p className="hint">{base.instanceType === null ? 'No node pool in this scenario.' : 'Replaces the instance types of every node pool.'}</p>
          </div>
        </div>
      )}
    </section>
  );
});
