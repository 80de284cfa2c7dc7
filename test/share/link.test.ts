import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseScenario } from '../../src/scenario/parse.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';
import { toBase64Url } from '../../src/share/base64url.ts';
import { deflateRaw } from '../../src/share/deflate.ts';
import { decodeLink, encodeLink, encodePayload, minimize } from '../../src/share/index.ts';
import { builtins } from './builtins.ts';

const headline = builtins.find((b) => b.file === 'online-class-evening-burst.json')!.scenario;

/** Every numeric leaf of a scenario as [path, value]. */
function numericLeaves(value: unknown, path: Array<string | number> = []): Array<[Array<string | number>, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numericLeaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numericLeaves(v, [...path, k]));
  return [];
}

function setAt(doc: any, path: Array<string | number>, v: number) {
  let node = doc;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path[path.length - 1]] = v;
}

/** Built-in scenarios with some numbers scaled, a subset of strategies, and odd names. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    base: fc.constantFrom(...builtins.map((b) => b.scenario)),
    tweaks: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0.25, max: 4, noNaN: true })), { maxLength: 6 }),
    keep: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    name: fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constant('<script>alert(1)</script>'), fc.constant('évening 课 🚀 "quoted"')),
    seed: fc.nat({ max: 2 ** 32 - 1 }),
  })
  .map(({ base, tweaks, keep, name, seed }) => {
    const doc = JSON.parse(JSON.stringify(base));
    const leaves = numericLeaves(doc).filter(([p]) => p[0] !== 'schemaVersion');
    for (const [pick, factor] of tweaks) {
      const [path, value] = leaves[pick % leaves.length];
      setAt(doc, path, Number.isInteger(value) ? Math.round(value * factor) : value * factor);
    }
    const strategies = doc.strategies.filter((_: unknown, i: number) => keep[i]);
    doc.strategies = strategies.length ? strategies : doc.strategies.slice(0, 1);
    doc.name = name;
    doc.seed = seed;
    const r = safeParseScenario(doc);
    return r.ok ? r.scenario : null;
  })
  .filter((s): s is Scenario => s !== null);

describe('scenario links', () => {
  it('round-trip generated scenarios exactly', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { fragment, references } = await encodeLink(scenario);
        expect(fragment.startsWith('#s1.')).toBe(true);
        expect(fragment).toMatch(/^#s1\.[A-Za-z0-9_-]+$/);
        expect(references).toEqual([]);
        const back = await decodeLink(fragment);
        expect(back).toEqual({ ok: true, scenario });
      }),
      { seed: 20240611, numRuns: 60 },
    );
  });

  it('minimize drops defaults and parses back to the identical scenario', () => {
    for (const { scenario } of builtins) {
      const small = minimize(scenario) as any;
      expect(safeParseScenario(small)).toEqual({ ok: true, scenario });
      expect(small.schemaVersion).toBe(1);
    }
    const small = minimize(headline) as any;
    expect(small.strategies[0].nodePool.autoscaler).toBeUndefined(); // all defaults
    expect(small.slo).toBeUndefined(); // 60 s is the default
    expect(small.strategies[0].controlPlanePerHour).toBe(0.09); // not the default 0.1
  });

  it('keeps every built-in scenario under 2,000 characters', async () => {
    const lengths: Record<string, number> = {};
    for (const { file, scenario } of builtins) {
      const { fragment } = await encodeLink(scenario);
      lengths[file] = fragment.length;
      expect(fragment.length).toBeLessThan(2000);
      expect(await decodeLink(`https://spillway.example/app${fragment}`)).toEqual({ ok: true, scenario });
    }
    console.log('link lengths', lengths);
  });

  it('keeps a script-like name as plain text', async () => {
    const name = '<script>globalThis.pwned=1</script>';
    const description = '"; globalThis.pwned = 1; "';
    const { fragment } = await encodeLink({ ...headline, name, description });
    const back = await decodeLink(fragment);
    expect(back.ok && back.scenario.name).toBe(name);
    expect(back.ok && back.scenario.description).toBe(description);
    expect((globalThis as any).pwned).toBeUndefined();
  });
});

describe('malformed links', () => {
  let good = '';
  const link = async () => (good ||= (await encodeLink(headline)).fragment);
  const expectFailure = async (fragment: string, message: RegExp) => {
    const r = await decodeLink(fragment);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  };

  it('truncated anywhere', async () => {
    const l = await link();
    for (const cut of [5, 10, 50, Math.floor(l.length / 2), l.length - 3, l.length - 1]) {
      await expectFailure(l.slice(0, cut), /damaged or incomplete/);
    }
    await expectFailure('#s1.', /damaged or incomplete/);
  });

  it('one character changed anywhere in the data', async () => {
    const l = await link();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 4; i < l.length; i += 7) {
      const c = alphabet[(alphabet.indexOf(l[i]) + 17) % 64];
      await expectFailure(l.slice(0, i) + c + l.slice(i + 1), /damaged or incomplete/);
    }
    await expectFailure(l.slice(0, 20) + '*' + l.slice(21), /character "\*" at position 17/);
  });

  it('wrong prefix and future versions', async () => {
    const l = await link();
    await expectFailure(l.replace('#s1.', '#x1.'), /not a Spillway scenario link/);
    await expectFailure('', /not a Spillway scenario link/);
    await expectFailure('https://example.com/', /not a Spillway scenario link/);
    await expectFailure(l.replace('#s1.', '#s9.'), /newer Spillway \(link format 9/);
    await expectFailure(l.replace('#s1.', '#s0.'), /format 0 is not supported/);
  });

  it('valid base64 of garbage', async () => {
    const garbage = new Uint8Array(64).map((_, i) => (i * 73 + 11) & 0xff);
    await expectFailure(`#s1.${toBase64Url(garbage)}`, /damaged or incomplete/);
  });

  it('valid deflate of non-JSON, non-text, and JSON that is not a scenario', async () => {
    await expectFailure(await encodePayload('<html>hello</html>'), /not valid JSON/);
    await expectFailure(await encodePayload('[1,2,3]'), /expected a JSON object/);
    await expectFailure(await encodePayload('{"schemaVersion":1,"name":"x","workload":[],"strategies":[]}'), /not valid: workload: .*strategies/);
    await expectFailure(await encodePayload(JSON.stringify({ ...minimize(headline), schemaVersion: 7 })), /schemaVersion: 7 is newer/);
    // Stored bytes that are not UTF-8, behind a correct checksum.
    const bytes = new Uint8Array([0, 0, 0, 0, ...(await deflateRaw(new Uint8Array([0xff, 0xfe, 0x80])))]);
    await expectFailure(`#s1.${toBase64Url(bytes)}`, /damaged|not text/);
  });

  it('a link that inflates to gigabytes is refused without inflating it all', async () => {
    const zeros = await deflateRaw(new Uint8Array(8_000_000));
    await expectFailure(`#s1.${toBase64Url(new Uint8Array([0, 0, 0, 0, ...zeros]))}`, /too large/);
  });

  it('never throws, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((s) => `#s1.${s}`), fc.uint8Array().map((b) => `#s1.${toBase64Url(b)}`)), async (s) => {
        const r = await decodeLink(s);
        expect(r.ok).toBe(false);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
