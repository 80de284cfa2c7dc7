import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeParseScenario } from '../../src/scenario/parse.ts';
import { decodeDraftLink, encodeDraftLink, encodeLink } from '../../src/share/index.ts';
import { scenariosDir } from './builtins.ts';

const headlineDoc = JSON.parse(readFileSync(join(scenariosDir, 'online-class-evening-burst.json'), 'utf8')) as Record<string, unknown>;

describe('draft links: the document as the user wrote it', () => {
  it('keeps durations and times as written and values equal to a default', async () => {
    const doc = { ...headlineDoc, horizon: '2d', seed: 1 };
    const parsed = safeParseScenario(doc);
    expect(parsed.ok).toBe(true);
    const { fragment, references } = await encodeDraftLink(doc, parsed.ok ? parsed.scenario : null);
    expect(references).toEqual([]);
    const back = await decodeDraftLink(fragment);
    expect(back.ok).toBe(true);
    expect(back.doc).toEqual(doc);
    // The scenario still arrives parsed: 2 days = 2 × 86,400 s.
    if (back.ok) expect(back.scenario.horizon).toBe(172_800);
  });

  it('an invalid draft gets a link that opens it as written, with the reason', async () => {
    const doc = { ...headlineDoc, workload: 'x' };
    const { fragment } = await encodeDraftLink(doc, null);
    const back = await decodeDraftLink(fragment);
    expect(back.ok).toBe(false);
    expect(back.doc).toEqual(doc);
    if (!back.ok) expect(back.message).toMatch(/not valid: workload/);
  });

  it('a damaged link gives no document', async () => {
    const { fragment } = await encodeDraftLink(headlineDoc, null);
    const back = await decodeDraftLink(fragment.slice(0, -6));
    expect(back).toEqual({ ok: false, message: expect.stringMatching(/damaged/) });
  });

  it('a valid draft with inline rows too big for a link goes the reference way', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i, 60, 500, 512]);
    const doc = { ...headlineDoc, workload: [{ type: 'trace', name: 'big', rows }] };
    const parsed = safeParseScenario(doc);
    expect(parsed.ok).toBe(true);
    const draftLink = await encodeDraftLink(doc, parsed.ok ? parsed.scenario : null);
    expect(draftLink.references).toHaveLength(1);
    expect(draftLink).toEqual(await encodeLink(parsed.ok ? parsed.scenario : (null as never)));
  });

  it('built-in scenarios as written stay short links', async () => {
    const lengths: string[] = [];
    for (const file of readdirSync(scenariosDir).filter((f) => f.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(scenariosDir, file), 'utf8'));
      const parsed = safeParseScenario(doc);
      const { fragment } = await encodeDraftLink(doc, parsed.ok ? parsed.scenario : null);
      lengths.push(`${file}: ${fragment.length}`);
      expect(fragment.length, file).toBeLessThan(4000);
    }
    console.log(`draft link lengths: ${lengths.join('; ')}`);
  });
});
