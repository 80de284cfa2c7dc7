import { useState } from 'react';

/** Most runs the app will replay for one study: 200 headline runs take about 15 s on two cores. */
export const APP_MAX_RUNS = 200;

/**
 * "Runs": how many seeds the results cover. 1 is the scenario's own seed alone; more replays it
 * with derived seeds too and shows ranges and bands. What the user types stays in the field while
 * it is not a valid number, with the reason next to it.
 */
export function RunsControl({ runs, onChange }: { runs: number; onChange: (runs: number) => void }) {
  const [text, setText] = useState(String(runs));
  const value = Number(text.trim());
  const valid = /^\d+$/.test(text.trim()) && value >= 1 && value <= APP_MAX_RUNS;
  return (
    <div className="runs-control">
      <label>
        Runs (seeds){' '}
        <input
          type="text"
          inputMode="numeric"
          size={4}
          value={text}
          data-testid="runs-input"
          aria-invalid={!valid || undefined}
          aria-describedby="runs-hint"
          onChange={(e) => {
            setText(e.target.value);
            const v = Number(e.target.value.trim());
            if (/^\d+$/.test(e.target.value.trim()) && v >= 1 && v <= APP_MAX_RUNS) onChange(v);
          }}
        />
      </label>
      <span id="runs-hint" className={valid ? 'hint' : 'field-error'}>
        {valid ? (runs > 1 ? ` ${runs} seeds: ranges and bands, and a verdict only when one strategy wins 90% of runs` : ' 1: the scenario\'s seed only; 20 shows ranges') : ` a whole number from 1 to ${APP_MAX_RUNS}`}
      </span>
    </div>
  );
}
