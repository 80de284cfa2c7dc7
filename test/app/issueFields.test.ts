import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setIn } from '../../src/app/draft.ts';
import { editorFieldPaths } from '../../src/app/editor/fieldSpecs.ts';
import { fieldErrorId, fieldId, issueText, placeIssues } from '../../src/app/issueFields.ts';
import { safeParseScenario } from '../../src/scenario/parse.ts';
import { issueFromError } from '../../workers/issueFromError.ts';

const headline = JSON.parse(readFileSync(new URL('../../scenarios/online-class-evening-burst.json', import.meta.url), 'utf8'));

function issuesOf(doc: unknown) {
  const r = safeParseScenario(doc);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('placing schema issues on editor fields', () => {
  it('puts "maxNodes must be >= minNodes" on the maxNodes field of that strategy', () => {
    const doc = setIn(headline, 'strategies.1', { ...headline.strategies[0], name: 'second' });
    const bad = setIn(doc, 'strategies.1.nodePool.maxNodes', 2);
    const { byField, unplaced } = placeIssues(issuesOf(bad), editorFieldPaths(bad));
    expect(unplaced).toEqual([]);
    expect([...byField.keys()]).toEqual(['strategies.1.nodePool.maxNodes']);
    expect(byField.get('strategies.1.nodePool.maxNodes')![0]).toEqual({ message: 'must be >= minNodes (4)', subpath: '' });
  });

  it('puts a type error from a number field that holds text on that field', () => {
    const bad = setIn(headline, 'workload.1.podsPerSession', 'lots');
    const { byField } = placeIssues(issuesOf(bad), editorFieldPaths(bad));
    expect(byField.get('workload.1.podsPerSession')?.[0].message).toMatch(/number/);
  });

  it('puts an issue inside a list field on the list, naming the item', () => {
    const bad = setIn(headline, 'workload.1.sessionStarts', ['19:00', '25:00']);
    const { byField } = placeIssues(issuesOf(bad), editorFieldPaths(bad));
    const placed = byField.get('workload.1.sessionStarts')!;
    expect(placed[0].subpath).toBe('1');
    expect(issueText(placed[0])).toMatch(/^1: "25:00" is not a time of day/);
  });

  it('puts an issue deeper than any field on the nearest section, with the rest of the path', () => {
    const bad = setIn(headline, 'strategies.2.classSelectors', [{ classes: [], target: 'nodes' }]);
    const { byField } = placeIssues(issuesOf(bad), editorFieldPaths(bad));
    expect(byField.get('strategies.2')?.[0].subpath).toBe('classSelectors.0.classes');
  });

  it('keeps issues with no rendered ancestor as unplaced, never dropping them', () => {
    const issues = [
      { path: '', message: 'not valid JSON' },
      { path: 'schemaVersion', message: 'unknown version' },
      { path: 'strategies.0.name', message: 'taken' },
    ];
    const { byField, unplaced } = placeIssues(issues, editorFieldPaths(headline));
    expect(unplaced.map((i) => i.path)).toEqual(['', 'schemaVersion']);
    expect(byField.get('strategies.0.name')).toEqual([{ message: 'taken', subpath: '' }]);
  });

  it('lists the delay parameters and overflow units of a mixed strategy', () => {
    const paths = editorFieldPaths(headline);
    expect(paths.has('strategies.0.nodePool.provisioningDelay.median')).toBe(true);
    expect(paths.has('strategies.2.overflow.units.1.resource')).toBe(true);
    expect(paths.has('strategies.2.overflow.whenTryNextUnits.timeout')).toBe(true);
    expect(paths.has('strategies.1.nodePool.maxNodes')).toBe(false);
  });

  it('makes DOM ids from paths', () => {
    expect(fieldId('strategies.1.nodePool.maxNodes')).toBe('f-strategies-1-nodePool-maxNodes');
    expect(fieldErrorId('horizon')).toBe('f-horizon-error');
  });
});

describe('engine errors as field issues', () => {
  it('splits a leading path from the message', () => {
    expect(issueFromError(new Error('workload.1: trace "x" is not loaded; import its file'))).toEqual({ path: 'workload.1', message: 'trace "x" is not loaded; import its file' });
    expect(issueFromError(new Error('strategies.0.nodePool.instanceTypes.0: unknown instance type "m9"'))).toEqual({
      path: 'strategies.0.nodePool.instanceTypes.0',
      message: 'unknown instance type "m9"',
    });
    expect(issueFromError('boom')).toEqual({ path: '', message: 'boom' });
  });
});
