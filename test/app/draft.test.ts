import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftToJson, getIn, insertAt, jsonToDraft, removeAt, setIn, uniqueName } from '../../src/app/draft.ts';
import { changeStrategyKind } from '../../src/app/strategyDrafts.ts';
import { safeParseScenario } from '../../src/scenario/parse.ts';

const headline = JSON.parse(readFileSync(new URL('../../scenarios/online-class-evening-burst.json', import.meta.url), 'utf8'));

describe('draft edits by path', () => {
  it('sets a nested value without touching the original', () => {
    const next = setIn(headline, 'strategies.0.nodePool.maxNodes', 50);
    expect(getIn(next, 'strategies.0.nodePool.maxNodes')).toBe(50);
    expect(getIn(headline, 'strategies.0.nodePool.maxNodes')).toBe(3000);
    expect(next.workload).toBe(headline.workload);
  });

  it('creates arrays for numeric keys and removes a key when given undefined', () => {
    expect(setIn({}, 'a.0.b', 1)).toEqual({ a: [{ b: 1 }] });
    expect(setIn({ a: { b: 1, c: 2 } }, 'a.b', undefined)).toEqual({ a: { c: 2 } });
  });

  it('inserts and removes array items', () => {
    expect(insertAt({ l: [1, 3] }, 'l', 2, 1)).toEqual({ l: [1, 2, 3] });
    expect(removeAt({ l: [1, 2, 3] }, 'l', 0)).toEqual({ l: [2, 3] });
  });

  it('names copies uniquely', () => {
    expect(uniqueName('A', ['A'])).toBe('A (copy)');
    expect(uniqueName('A', ['A', 'A (copy)'])).toBe('A (copy 2)');
  });
});

describe('advanced JSON view', () => {
  it('round-trips a scenario exactly', () => {
    const back = jsonToDraft(draftToJson(headline));
    expect(back).toEqual({ ok: true, doc: headline });
  });

  it('names the line and column of a syntax error', () => {
    const r = jsonToDraft('{\n  "name": "x",\n  oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/line 3, column 3/);
  });

  it('refuses JSON that is not an object', () => {
    expect(jsonToDraft('[1]')).toEqual({ ok: false, message: 'A scenario must be a JSON object ({ ... }).' });
  });
});

describe('changing a strategy kind', () => {
  it('keeps the parts the new kind uses and yields a valid scenario', () => {
    const mixed = changeStrategyKind(headline.strategies[0], 'mixed');
    expect(mixed.nodePool).toBe(headline.strategies[0].nodePool);
    expect(mixed.serverless).toEqual({ preset: 'aws-fargate' });
    expect(mixed.overflow).toEqual({ policy: 'normalNodePrefer' });
    const nodes = changeStrategyKind(mixed, 'nodes');
    expect(nodes).not.toHaveProperty('serverless');
    expect(nodes).not.toHaveProperty('overflow');
    expect(safeParseScenario(setIn(headline, 'strategies.0', mixed)).ok).toBe(true);
    expect(safeParseScenario(setIn(headline, 'strategies.2', changeStrategyKind(headline.strategies[2], 'serverless'))).ok).toBe(true);
  });
});

describe('reading a draft of any shape', () => {
  it('listAt and recordAt give an empty list or object where the draft holds something else', async () => {
    const { listAt, recordAt } = await import('../../src/app/draft.ts');
    const doc = { workload: 'x', strategies: {}, nested: { instanceTypes: 5, list: [1, 2] }, nothing: null };
    expect(listAt(doc, 'workload')).toEqual([]);
    expect(listAt(doc, 'strategies')).toEqual([]);
    expect(listAt(doc, 'nested.instanceTypes')).toEqual([]);
    expect(listAt(doc, 'nested.list')).toEqual([1, 2]);
    expect(recordAt(doc, 'nested')).toBe(doc.nested);
    expect(recordAt(doc, 'nested.list')).toEqual({});
    expect(recordAt(doc, 'nothing')).toEqual({});
    expect(recordAt(doc, 'workload.0')).toEqual({});
  });
});
