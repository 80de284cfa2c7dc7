import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setIn } from '../../src/app/draft.ts';
import { friendlyIssues } from '../../src/app/issueMessages.ts';
import { safeParseScenario } from '../../src/scenario/parse.ts';

const headline = JSON.parse(readFileSync(new URL('../../scenarios/online-class-evening-burst.json', import.meta.url), 'utf8'));

/** The messages the form shows for the headline with one value changed (schema messages, made friendly). */
function messagesFor(path: string, value: unknown): string[] {
  const doc = setIn(headline, path, value);
  const r = safeParseScenario(doc);
  if (r.ok) throw new Error(`${path}=${JSON.stringify(value)} is valid`);
  return friendlyIssues(r.issues, doc)
    .filter((i) => i.path === path)
    .map((i) => i.message);
}

describe('validation messages in the words of the form', () => {
  it('text in a number field names the text', () => {
    expect(messagesFor('strategies.0.nodePool.maxNodes', 'lots')).toEqual(['“lots” is not a number']);
    expect(messagesFor('workload.1.pod.cpuMillicores', '')).toEqual(['enter a number']);
  });
  it('a fraction where a count is needed', () => {
    expect(messagesFor('strategies.0.nodePool.maxNodes', 2.5)).toEqual(['must be a whole number, not 2.5']);
  });
  it('bounds read as words', () => {
    expect(messagesFor('strategies.0.nodePool.autoscaler.scaleDownUtilizationThreshold', 2)).toEqual(['must be at most 1']);
    expect(messagesFor('name', '')).toEqual(['must not be empty']);
  });
  it('a value outside the choices lists them', () => {
    expect(messagesFor('strategies.0.nodePool.autoscaler.expander', 'bogus')).toEqual(['“bogus” is not one of the choices; choose one of random, least-waste, most-pods, price']);
  });
  it('a wrong shape says what is expected and where to fix it', () => {
    expect(messagesFor('workload', 'x')).toEqual(['must be a list, not text (fix it in the Advanced: JSON view)']);
  });
  it("the schema's own messages pass through, and no zod wording is left", () => {
    expect(messagesFor('horizon', 'abc')).toEqual(['"abc" is not a duration; use seconds or a number with s, m, h or d, e.g. "10m"']);
    for (const [path, value] of [
      ['seed', 'x'],
      ['strategies.0.nodePool.maxNodes', -1],
      ['strategies', {}],
      ['strategies.0.nodePool.instanceTypes', 5],
      ['strategies.1.serverless.pricePerVcpuHour', 'cheap'],
    ] as const) {
      for (const m of messagesFor(path, value)) expect(m, path).not.toMatch(/Invalid input|expected \w+, received|Too (small|big)/);
    }
  });
});
