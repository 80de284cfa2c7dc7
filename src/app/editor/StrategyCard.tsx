import { INSTANCE_TYPES } from '../../pricing/instanceTypes.ts';

/** The catalog's node types by provider, in the order the instance type menu lists them. */
const PROVIDER_GROUPS = [
  ['aws', 'AWS EC2 (us-east-1)'],
  ['gcp', 'GKE Standard / Compute Engine (us-central1)'],
  ['azure', 'AKS / Azure VMs (East US)'],
  ['alibaba', 'Alibaba ECS (estimated price)'],
  ['tencent', 'Tencent TKE / CVM (estimated price)'],
  ['huawei', 'Huawei CCE / ECS (estimated price)'],
  ['onprem', 'On-premises server (amortised, estimate)'],
] as const;
import { SERVERLESS_PRESETS, type ServerlessPreset } from '../../pricing/serverlessPresets.ts';
import { strategyColor } from '../../charts/palette.ts';
import { getIn, insertAt, listAt, recordAt, removeAt, setIn } from '../draft.ts';
import { fieldErrorId, fieldId } from '../issueFields.ts';
import { changeStrategyKind, defaultOverflow, type StrategyKind } from '../strategyDrafts.ts';
import { useEditor } from './EditorContext.tsx';
import { CheckboxField, DelayField, FieldErrors, Fields, InputField, SelectField } from './fields.tsx';
import {
  AUTOSCALER_FIELDS,
  COMMITMENT_FIELDS,
  KARPENTER_FIELDS,
  NODE_POOL_FIELDS,
  NODE_SPOT_FIELDS,
  NOT_UNDER_KARPENTER,
  OVERFLOW_FIELDS,
  RESOURCE_POLICY_FIELDS,
  SERVERLESS_FIELDS,
  SERVERLESS_SPOT_FIELDS,
  SERVERLESS_SPOT_PRESET_IDS,
  STRATEGY_BASE_FIELDS,
} from './fieldSpecs.ts';
import { SERVERLESS_SPOT_PRESETS } from '../../pricing/spotPresets.ts';

const CUSTOM = '__custom__';

function InstanceTypes({ base }: { base: string }) {
  const { doc, update, replace, issuesAt } = useEditor();
  const path = `${base}.instanceTypes`;
  const list = listAt(doc, path);
  return (
    <fieldset className="instance-types" data-path={path}>
      <legend>Instance types</legend>
      {list.map((entry, k) => {
        const p = `${path}.${k}`;
        const id = fieldId(p);
        const invalid = issuesAt(p).length > 0;
        const isCustom = typeof entry === 'object' && entry !== null;
        const known = typeof entry === 'string' && INSTANCE_TYPES.some((t) => t.name === entry);
        return (
          <div key={k} className="instance-type">
            <div className="field" data-path={p}>
              <label htmlFor={id}>Instance type {list.length > 1 ? k + 1 : ''}</label>
              <div className="field-input">
                <select
                  id={id}
                  value={isCustom ? CUSTOM : String(entry)}
                  aria-invalid={invalid || undefined}
                  aria-describedby={invalid ? fieldErrorId(p) : undefined}
                  onChange={(e) =>
                    update(p, e.target.value === CUSTOM ? { name: 'custom-node', vcpu: 8, memoryGiB: 32, pricePerHour: 0.3 } : e.target.value)
                  }
                >
                  {!isCustom && !known && <option value={String(entry)}>{String(entry)} (unknown)</option>}
                  {PROVIDER_GROUPS.map(([provider, label]) => (
                    <optgroup key={provider} label={label}>
                      {INSTANCE_TYPES.filter((t) => t.provider === provider).map((t) => (
                        <option key={t.name} value={t.name}>
                          {t.name}: {t.vcpu} vCPU, {t.memoryGiB} GiB, ${t.pricePerHour}/h
                        </option>
                      ))}
                    </optgroup>
                  ))}
                  <option value={CUSTOM}>Custom shape…</option>
                </select>
                {list.length > 1 && (
                  <button type="button" className="icon-button" aria-label={`Remove instance type ${k + 1}`} onClick={() => replace((d) => removeAt(d, path, k))}>
                    ✕
                  </button>
                )}
              </div>
              <FieldErrors path={p} />
            </div>
            {isCustom && (
              <div className="field-grid nested">
                <Fields
                  base={p}
                  specs={[
                    { kind: 'text', key: 'name', label: 'Shape name' },
                    { kind: 'number', key: 'vcpu', label: 'vCPU' },
                    { kind: 'number', key: 'memoryGiB', label: 'Memory', unit: 'GiB' },
                    { kind: 'number', key: 'pricePerHour', label: 'Price', unit: 'USD/h' },
                    { kind: 'integer', key: 'maxPods', label: 'Max pods', optional: true, placeholder: '110' },
                  ]}
                />
              </div>
            )}
          </div>
        );
      })}
      <button type="button" className="link-button" onClick={() => replace((d) => insertAt(d, path, 'm6i.xlarge'))}>
        + Add instance type
      </button>
      <FieldErrors path={path} />
    </fieldset>
  );
}

type Provisioner = 'clusterAutoscaler' | 'karpenter' | 'none';

function NodePoolSection({ base }: { base: string }) {
  const { doc, replace } = useEditor();
  const path = `${base}.nodePool`;
  const autoscaler = getIn(doc, `${path}.autoscaler`);
  const karpenter = getIn(doc, `${path}.karpenter`);
  const provisioner: Provisioner = karpenter !== undefined ? 'karpenter' : autoscaler === null ? 'none' : 'clusterAutoscaler';
  const id = fieldId(`${path}.provisioner`);
  // Karpenter has no minimum size to schedule: its field goes, unless the draft has one (its error then shows there).
  const poolFields = provisioner === 'karpenter' ? NODE_POOL_FIELDS.filter((f) => !NOT_UNDER_KARPENTER.has(f.key) || getIn(doc, `${path}.${f.key}`) !== undefined) : NODE_POOL_FIELDS;
  // One provisioner at a time: choosing one removes the other's block (the schema refuses both).
  const choose = (p: Provisioner) =>
    replace((d) => {
      const withCa = setIn(d, `${path}.autoscaler`, p === 'clusterAutoscaler' ? undefined : null);
      return setIn(withCa, `${path}.karpenter`, p === 'karpenter' ? (karpenter ?? {}) : undefined);
    });
  return (
    <fieldset className="section" data-path={path}>
      <legend>Node pool</legend>
      <FieldErrors path={path} />
      <InstanceTypes base={path} />
      <div className="field-grid">
        <Fields specs={poolFields} base={path} />
        <div className="field field-wide" data-path={`${path}.provisioner`}>
          <label htmlFor={id}>Provisioner</label>
          <div className="field-input">
            <select id={id} value={provisioner} onChange={(e) => choose(e.target.value as Provisioner)}>
              <option value="clusterAutoscaler">cluster-autoscaler</option>
              <option value="karpenter">Karpenter (NodePool: cheapest fitting type per batch, consolidation)</option>
              <option value="none">none: fixed size (initial nodes, or min nodes)</option>
            </select>
          </div>
        </div>
      </div>
      {provisioner === 'clusterAutoscaler' && (
        <fieldset className="section" data-path={`${path}.autoscaler`}>
          <legend>cluster-autoscaler</legend>
          <div className="field-grid">
            <Fields specs={AUTOSCALER_FIELDS} base={`${path}.autoscaler`} />
          </div>
          <FieldErrors path={`${path}.autoscaler`} />
        </fieldset>
      )}
      {provisioner === 'none' && <FieldErrors path={`${path}.autoscaler`} />}
      {provisioner === 'karpenter' && (
        <fieldset className="section" data-path={`${path}.karpenter`}>
          <legend>Karpenter</legend>
          <p className="hint">The instance types above are the NodePool&apos;s allowed types; max nodes is its node limit; min nodes a floor consolidation keeps.</p>
          <div className="field-grid">
            <Fields specs={KARPENTER_FIELDS} base={`${path}.karpenter`} />
          </div>
          <FieldErrors path={`${path}.karpenter`} />
          <FieldErrors path={`${path}.autoscaler`} />
        </fieldset>
      )}
      <SpotSection path={path} />
    </fieldset>
  );
}

/** Spot / preemptible nodes: off unless ticked (then the EC2 Spot preset fills every empty field). */
function SpotSection({ path }: { path: string }) {
  const { doc, update } = useEditor();
  const on = getIn(doc, `${path}.spot`) !== undefined;
  return (
    <fieldset className="section" data-path={`${path}.spot`}>
      <legend>Spot capacity</legend>
      <CheckboxField
        path={`${path}.spot`}
        label="Launch spot / preemptible nodes"
        checked={on}
        hint={on ? 'Interrupted nodes are reclaimed after the notice; their pods rerun (in full, unless their class checkpoints).' : undefined}
        onChange={(tick) => update(`${path}.spot`, tick ? {} : undefined)}
      />
      {on && (
        <div className="field-grid">
          <Fields specs={NODE_SPOT_FIELDS} base={`${path}.spot`} />
        </div>
      )}
      <FieldErrors path={`${path}.spot`} />
    </fieldset>
  );
}

/** A spend commitment: off unless ticked; its discount has no default (it depends on the plan bought). */
function CommitmentSection({ base }: { base: string }) {
  const { doc, update } = useEditor();
  const path = `${base}.commitment`;
  const on = getIn(doc, path) !== undefined;
  return (
    <fieldset className="section" data-path={path}>
      <legend>Commitment</legend>
      <CheckboxField
        path={path}
        label="Savings Plan / reserved instances / savings plan"
        checked={on}
        hint={on ? 'Settled hour by hour: eligible usage at the discount until the commitment is spent, the rest on demand; spot is never covered.' : undefined}
        onChange={(tick) => update(path, tick ? { perHour: 0 } : undefined)}
      />
      {on && (
        <div className="field-grid">
          <Fields specs={COMMITMENT_FIELDS} base={path} />
        </div>
      )}
      <FieldErrors path={path} />
    </fieldset>
  );
}

function presetOf(serverless: Record<string, unknown>): ServerlessPreset {
  const id = serverless.preset;
  return SERVERLESS_PRESETS[(typeof id === 'string' && Object.hasOwn(SERVERLESS_PRESETS, id) ? id : 'aws-fargate') as ServerlessPreset['id']];
}

function ServerlessSection({ base }: { base: string }) {
  const { doc, update } = useEditor();
  const path = `${base}.serverless`;
  const serverless = recordAt(doc, path);
  const preset = presetOf(serverless);
  const launch = serverless.launchRate;
  const launchMode = launch === undefined ? 'preset' : launch === null ? 'none' : 'custom';
  const launchId = fieldId(`${path}.launchRate`);
  const overridesStart = serverless.podStart !== undefined;
  return (
    <fieldset className="section" data-path={path}>
      <legend>Serverless pods</legend>
      <FieldErrors path={path} />
      <p className="hint preset-note">
        {preset.label}: ${preset.pricePerVcpuHour}/vCPU-h, ${preset.pricePerGiBHour}/GiB-h, billed per {preset.billing.granularitySeconds} s
        {preset.billing.minimumSeconds ? `, minimum ${preset.billing.minimumSeconds} s` : ''}.{' '}
        <a href={preset.sources.price.url} target="_blank" rel="noreferrer">
          Price source ({preset.sources.price.confidence}, {preset.sources.price.date})
        </a>
        {preset.schedulingRate && serverless.schedulingRate === undefined && (
          <>
            {' '}Pods also pass a measured {preset.schedulingRate.perSecond} pods/s in front of the launch API (
            <a href={preset.sources.schedulingRate?.url} target="_blank" rel="noreferrer">
              source
            </a>
            ; set <code>schedulingRate: null</code> in the JSON view to model the launch API alone).
          </>
        )}
      </p>
      <div className="field-grid">
        <Fields
          specs={SERVERLESS_FIELDS}
          base={path}
          placeholders={{
            pricePerVcpuHour: String(preset.pricePerVcpuHour),
            pricePerGiBHour: String(preset.pricePerGiBHour),
            podOverheadMiB: String(preset.podOverheadMiB),
          }}
        />
        <div className="field" data-path={`${path}.launchRate`}>
          <label htmlFor={launchId}>Launch rate limit</label>
          <div className="field-input">
            <select
              id={launchId}
              value={launchMode}
              onChange={(e) =>
                update(`${path}.launchRate`, e.target.value === 'preset' ? undefined : e.target.value === 'none' ? null : { ...(preset.launchRate ?? { burst: 100, perSecond: 20 }) })
              }
            >
              <option value="preset">Preset ({preset.launchRate ? `burst ${preset.launchRate.burst}, ${preset.launchRate.perSecond}/s` : 'none'})</option>
              <option value="none">No limit</option>
              <option value="custom">Custom</option>
            </select>
          </div>
          <FieldErrors path={`${path}.launchRate`} />
        </div>
        {launchMode === 'custom' && (
          <Fields
            base={`${path}.launchRate`}
            specs={[
              { kind: 'integer', key: 'burst', label: 'Launch burst', unit: 'pods' },
              { kind: 'number', key: 'perSecond', label: 'Launch refill', unit: 'pods/s' },
            ]}
          />
        )}
      </div>
      <CheckboxField
        path={`${path}.imageCache`}
        label={`Image cache: ${preset.imageCache.name}`}
        checked={serverless.imageCache === true}
        hint={`Pull stage ${describeDelay(preset.imageCache.imagePull)} instead of ${describeDelay(preset.podStart.imagePull)} (source: ${preset.sources.imageCache?.confidence ?? 'estimate'}).`}
        onChange={(on) => update(`${path}.imageCache`, on ? true : undefined)}
      />
      <FieldErrors path={`${path}.imageCache`} />
      <CheckboxField
        path={`${path}.podStart`}
        label="Override pod start latency"
        checked={overridesStart}
        hint={
          overridesStart
            ? undefined
            : `Preset: sandbox ${describeDelay(preset.podStart.sandbox)}, image pull ${describeDelay(preset.podStart.imagePull)}.`
        }
        onChange={(on) => update(`${path}.podStart`, on ? structuredClone(preset.podStart) : undefined)}
      />
      {overridesStart && (
        <div className="field-grid">
          <DelayField spec={{ kind: 'delay', key: 'sandbox', label: 'Sandbox (micro-VM) start' }} base={`${path}.podStart`} />
          <DelayField spec={{ kind: 'delay', key: 'imagePull', label: 'Image pull' }} base={`${path}.podStart`} />
        </div>
      )}
      <FieldErrors path={`${path}.podStart`} />
      <ServerlessSpotSection path={`${path}.spot`} presetId={typeof serverless.preset === 'string' ? serverless.preset : 'aws-fargate'} />
    </fieldset>
  );
}

/**
 * Preemptible serverless pods (ECI preemptible instances, GKE Autopilot Spot Pods): off unless
 * ticked, offered only where the preset has them; empty fields take the preemptible preset.
 */
function ServerlessSpotSection({ path, presetId }: { path: string; presetId: string }) {
  const { doc, update } = useEditor();
  const on = getIn(doc, path) !== undefined;
  const offered = (SERVERLESS_SPOT_PRESET_IDS as readonly string[]).includes(presetId);
  const preset = offered ? SERVERLESS_SPOT_PRESETS[presetId as (typeof SERVERLESS_SPOT_PRESET_IDS)[number]] : undefined;
  const num = (v: number | undefined) => (v === undefined ? 'required' : String(v));
  return (
    <div data-path={path}>
      {(offered || on) && (
        <CheckboxField
          path={path}
          label={preset ? `Preemptible pods: ${preset.label}` : 'Preemptible pods'}
          checked={on}
          hint={
            on && preset
              ? `Interrupted pods are rescheduled after the notice and rerun (in full, unless their class checkpoints); never covered by a commitment.${preset.pricePerVcpuHour === undefined ? ' No published price: give a discount or prices per unit.' : ''}`
              : undefined
          }
          onChange={(tick) => update(path, tick ? {} : undefined)}
        />
      )}
      {!offered && <p className="hint">No preemptible pods for this preset here (Fargate Spot is for ECS only; the others have no preset).</p>}
      {on && preset && (
        <div className="field-grid">
          <Fields
            specs={SERVERLESS_SPOT_FIELDS}
            base={path}
            placeholders={{
              pricePerVcpuHour: preset.pricePerVcpuHour === undefined ? 'or discount' : String(preset.pricePerVcpuHour),
              pricePerGiBHour: preset.pricePerGiBHour === undefined ? 'or discount' : String(preset.pricePerGiBHour),
              discount: preset.discount === undefined ? 'or prices' : String(preset.discount),
              interruptionsPerMonth: num(preset.interruptionsPerMonth),
              noticeSeconds: `${preset.noticeSeconds} s`,
              protectionPeriod: `${preset.protectionPeriod} s`,
            }}
          />
        </div>
      )}
      <FieldErrors path={path} />
    </div>
  );
}

function describeDelay(d: { kind: string; [k: string]: unknown }): string {
  if (d.kind === 'uniform') return `${d.min}-${d.max} s`;
  if (d.kind === 'lognormal') return `median ${d.median} s, p95 ${d.p95} s`;
  return `${d.seconds} s`;
}

function OverflowSection({ base }: { base: string }) {
  const { doc, replace } = useEditor();
  const path = `${base}.overflow`;
  const overflow = recordAt(doc, path);
  const units = listAt(doc, `${path}.units`);
  return (
    <fieldset className="section" data-path={path}>
      <legend>Overflow to serverless</legend>
      <FieldErrors path={path} />
      <SelectField
        spec={OVERFLOW_FIELDS[0]}
        base={path}
        onChange={(policy) => replace((d) => setIn(d, path, defaultOverflow((policy ?? 'normalNodePrefer') as 'normalNodePrefer' | 'resourcePolicy')))}
      />
      {overflow.policy === 'resourcePolicy' && (
        <>
          <fieldset className="units" data-path={`${path}.units`}>
            <legend>Units, in order</legend>
            {units.map((_, k) => (
              <div key={k} className="unit-row">
                <SelectField
                  spec={{
                    kind: 'select',
                    key: 'resource',
                    label: `Unit ${k + 1}`,
                    options: [
                      { value: 'nodes', label: 'nodes' },
                      { value: 'serverless', label: 'serverless' },
                    ],
                  }}
                  base={`${path}.units.${k}`}
                />
                <InputField spec={{ kind: 'integer', key: 'max', label: `Unit ${k + 1} max pods`, optional: true, placeholder: 'no limit' }} base={`${path}.units.${k}`} />
                {units.length > 1 && (
                  <button type="button" className="icon-button" aria-label={`Remove unit ${k + 1}`} onClick={() => replace((d) => removeAt(d, `${path}.units`, k))}>
                    ✕
                  </button>
                )}
              </div>
            ))}
            {units.length < 4 && (
              <button type="button" className="link-button" onClick={() => replace((d) => insertAt(d, `${path}.units`, { resource: 'serverless' }))}>
                + Add unit
              </button>
            )}
            <FieldErrors path={`${path}.units`} />
          </fieldset>
          <div className="field-grid">
            <Fields specs={RESOURCE_POLICY_FIELDS} base={path} />
          </div>
        </>
      )}
    </fieldset>
  );
}

export function StrategyCard({ index, count, onDuplicate, onRemove }: { index: number; count: number; onDuplicate: () => void; onRemove: () => void }) {
  const { doc, replace } = useEditor();
  const base = `strategies.${index}`;
  const strategy = recordAt(doc, base);
  const kind = strategy.kind as StrategyKind | undefined;
  const name = typeof strategy.name === 'string' && strategy.name ? strategy.name : `Strategy ${index + 1}`;
  const headingId = `strategy-${index}-heading`;
  return (
    <section className="card strategy-card" aria-labelledby={headingId} data-path={base} style={{ borderLeftColor: strategyColor(index) }}>
      <header className="card-header">
        <h3 id={headingId}>
          <span className="swatch" style={{ background: strategyColor(index) }} aria-hidden="true" />
          {name}
        </h3>
        <div className="card-actions">
          <button type="button" onClick={onDuplicate} aria-label={`Duplicate strategy ${name}`} disabled={count >= 12}>
            Duplicate
          </button>
          <button type="button" onClick={onRemove} aria-label={`Remove strategy ${name}`} disabled={count <= 1}>
            Remove
          </button>
        </div>
      </header>
      <FieldErrors path={base} />
      <div className="field-grid">
        <Fields specs={STRATEGY_BASE_FIELDS.filter((s) => s.key === 'name')} base={base} />
        <SelectField
          spec={STRATEGY_BASE_FIELDS.find((s) => s.key === 'kind')!}
          base={base}
          onChange={(k) => k && replace((d) => setIn(d, base, changeStrategyKind(recordAt(d, base), k as StrategyKind)))}
        />
        <Fields specs={STRATEGY_BASE_FIELDS.filter((s) => s.key !== 'name' && s.key !== 'kind')} base={base} />
      </div>
      {(kind === 'nodes' || kind === 'mixed') && <NodePoolSection base={base} />}
      {(kind === 'serverless' || kind === 'mixed') && <ServerlessSection base={base} />}
      {kind === 'mixed' && <OverflowSection base={base} />}
      {kind && <CommitmentSection base={base} />}
    </section>
  );
}
