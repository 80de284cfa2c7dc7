import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setIn } from '../../src/app/draft.ts';
import { parseScheduleText } from '../../src/app/editor/fields.tsx';
import { formatFieldValue } from '../../src/app/editor/fieldText.ts';
import { editorFieldPaths, SERVERLESS_SPOT_FIELDS } from '../../src/app/editor/fieldSpecs.ts';
import { placeIssues } from '../../src/app/issueFields.ts';
import { parseScenario, safeParseScenario } from '../../src/scenario/parse.ts';

const headline = JSON.parse(readFileSync(new URL('../../scenarios/online-class-evening-burst.json', import.meta.url), 'utf8'));
/** The headline with its first strategy made serverless pods of `preset`. */
const serverlessDoc = (preset: string, spot?: object) =>
  setIn(headline, 'strategies.0', { kind: 'serverless', name: 'pods', serverless: { preset, ...(spot ? { spot } : {}) } });

function issuesOf(doc: unknown) {
  const r = safeParseScenario(doc);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('preemptible serverless pods in the editor', () => {
  it('has a field for every setting of serverless.spot the schema has (prices, discount, interruptions, notice, protection)', () => {
    expect(SERVERLESS_SPOT_FIELDS.map((f) => f.key).sort()).toEqual(['discount', 'interruptionsPerMonth', 'noticeSeconds', 'pricePerGiBHour', 'pricePerVcpuHour', 'protectionPeriod']);
  });

  it('ticked with nothing filled on ECI: the two missing settings are named on their fields, nothing is left unplaced', () => {
    // ECI preemptible instances have no published price or interruption rate (src/pricing/spotPresets.ts).
    const doc = serverlessDoc('alibaba-eci', {});
    const { byField, unplaced } = placeIssues(issuesOf(doc), editorFieldPaths(doc));
    expect(unplaced).toEqual([]);
    expect([...byField.keys()].sort()).toEqual(['strategies.0.serverless.spot.discount', 'strategies.0.serverless.spot.interruptionsPerMonth']);
  });

  it('filled in the editor the way a user would, the scenario parses with those values', () => {
    const doc = serverlessDoc('alibaba-eci', { discount: 0.7, interruptionsPerMonth: 0.1, protectionPeriod: 3600 });
    const s = parseScenario(doc);
    const st = s.strategies[0];
    expect(st.kind === 'serverless' && st.serverless.spot).toMatchObject({ discount: 0.7, interruptionsPerMonth: 0.1, protectionPeriod: 3600 });
  });

  it('on Fargate the refusal (Fargate Spot is for ECS only) lands on the spot section itself', () => {
    const doc = serverlessDoc('aws-fargate', {});
    const { byField, unplaced } = placeIssues(issuesOf(doc), editorFieldPaths(doc));
    expect(unplaced).toEqual([]);
    expect([...byField.keys()]).toEqual(['strategies.0.serverless.spot']);
  });
});

describe('the placeholder Deployment schedule in the editor', () => {
  it('reads "18:50=12000, 18:57=0" as replicas by time of day and writes it back the same way', () => {
    expect(parseScheduleText('18:50=12000, 18:57 = 0', 'placeholderPods')).toEqual([
      { at: '18:50', placeholderPods: 12000 },
      { at: '18:57', placeholderPods: 0 },
    ]);
    expect(formatFieldValue([{ at: 67_800, placeholderPods: 12000 }, { at: '18:57', placeholderPods: 0 }], 'schedule', 'placeholderPods')).toBe('18:50=12000, 18:57=0');
  });
});
