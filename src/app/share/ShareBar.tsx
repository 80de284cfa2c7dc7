import { useRef, useState } from 'react';
import './share.css';
import type { ShareLinkState } from './useShareLink.ts';

/**
 * "Copy link", the link-problem banner and the trace-file prompt. Every text from a link is
 * rendered as React text (never as HTML), so a scenario name such as "<script>" stays text.
 */
export function ShareBar({ share }: { share: ShareLinkState }) {
  const [copy, setCopy] = useState<{ kind: 'copied' | 'fallback' | 'error'; text: string; url?: string } | null>(null);
  const fallback = useRef<HTMLInputElement | null>(null);

  const onCopy = async () => {
    let url: string;
    let refs = 0;
    try {
      const link = await share.linkNow();
      url = link.url;
      refs = link.references.length;
    } catch (e) {
      setCopy({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      return;
    }
    const note = refs > 0 ? ` The trace${refs === 1 ? ' is' : 's are'} too big for a link: send the CSV file${refs === 1 ? '' : 's'} too (export from the trace source).` : '';
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopy({ kind: 'copied', text: `Link copied (${url.length.toLocaleString('en-US')} characters).${note}`, url });
    } catch {
      setCopy({ kind: 'fallback', text: `Copying is not allowed here; select the link below and copy it (${url.length.toLocaleString('en-US')} characters).${note}`, url });
      requestAnimationFrame(() => fallback.current?.select());
    }
  };

  return (
    <div className="share-bar">
      <div className="share-row">
        <button type="button" onClick={onCopy} data-testid="copy-link">
          Copy link
        </button>
        {copy && (
          <span role="status" className={copy.kind === 'error' ? 'error' : 'muted'} data-testid="copy-status">
            {copy.text}
          </span>
        )}
      </div>
      {copy?.kind === 'fallback' && copy.url && (
        <input ref={fallback} className="link-fallback" readOnly value={copy.url} aria-label="Scenario link" data-testid="link-fallback" onFocus={(e) => e.currentTarget.select()} />
      )}
      {share.banner && (
        <div className={`banner banner-${share.banner.kind}`} role={share.banner.kind === 'error' ? 'alert' : 'status'} data-testid="link-banner">
          <p>{share.banner.text}</p>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={share.dismissBanner}>
            ×
          </button>
        </div>
      )}
      {share.pending && (
        <div className="banner banner-info trace-prompt" data-testid="trace-prompt">
          {share.pending.missing.map((m) => (
            <div key={m.index} className="field">
              <label htmlFor={`trace-file-${m.index}`}>
                Trace “{m.name}” ({m.fingerprint.rows.toLocaleString('en-US')} rows, SHA-256 {m.fingerprint.sha256.slice(0, 12)}…)
              </label>
              <input id={`trace-file-${m.index}`} type="file" accept=".csv,.tsv,.txt,.json,text/csv,text/plain,application/json" onChange={(e) => e.target.files?.[0] && void share.provideTrace(m.index, e.target.files[0])} />
              {share.pending?.errors[m.index] && (
                <p className="field-error" role="alert">
                  {share.pending.errors[m.index]}
                </p>
              )}
            </div>
          ))}
          <button type="button" className="small-button" onClick={share.cancelPending}>
            Keep the default scenario
          </button>
        </div>
      )}
    </div>
  );
}
