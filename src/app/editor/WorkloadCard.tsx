import { recordAt } from '../draft.ts';
import { TraceSourceCard } from '../import/TraceSourceCard.tsx';
import { useEditor } from './EditorContext.tsx';
import { FieldErrors, Fields } from './fields.tsx';
import { WORKLOAD_FIELDS } from './fieldSpecs.ts';

const TYPE_LABELS: Record<string, string> = {
  diurnal: 'Diurnal service',
  burst: 'Session burst',
  batch: 'Batch jobs (Poisson)',
  trace: 'Trace',
};

/**
 * One workload source, with Remove (any source, as long as one is left: a scenario needs a
 * workload). A trace source's card shows its file and row count (see src/app/import).
 */
export function WorkloadCard({ index, count, onRemove }: { index: number; count: number; onRemove: () => void }) {
  const { doc } = useEditor();
  const base = `workload.${index}`;
  const source = recordAt(doc, base);
  const type = String(source.type ?? '');
  const title = typeof source.name === 'string' && source.name ? source.name : `Source ${index + 1}`;
  const headingId = `workload-${index}-heading`;
  return (
    <section className="card" aria-labelledby={headingId} data-path={base}>
      <header className="card-header">
        <h3 id={headingId}>
          <span className="badge">{Object.hasOwn(TYPE_LABELS, type) ? TYPE_LABELS[type] : type}</span> {title}
        </h3>
        <div className="card-actions">
          <button type="button" onClick={onRemove} aria-label={`Remove workload source ${title}`} disabled={count <= 1} title={count <= 1 ? 'A scenario needs at least one workload source: add or import another first' : undefined}>
            Remove
          </button>
        </div>
      </header>
      <FieldErrors path={base} />
      {type === 'diurnal' || type === 'burst' || type === 'batch' ? (
        <div className="field-grid">
          <Fields specs={WORKLOAD_FIELDS[type]} base={base} />
        </div>
      ) : type === 'trace' ? (
        <TraceSourceCard index={index} source={source} />
      ) : (
        <p className="muted">Unknown source type; edit it in the JSON view.</p>
      )}
    </section>
  );
}
