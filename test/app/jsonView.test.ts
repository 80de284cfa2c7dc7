import { describe, expect, it } from 'vitest';
import { draftToJson } from '../../src/app/draft.ts';
import { jsonViewText } from '../../src/app/editor/JsonView.tsx';

describe('the JSON view text', () => {
  const doc = { name: 'a' };
  it('is the draft when nothing was typed', () => {
    expect(jsonViewText(doc, null)).toBe(draftToJson(doc));
  });
  it('keeps text that does not parse, even after the draft changed elsewhere', () => {
    const typed = { text: '{ "name": "b"', error: 'Not valid JSON', doc };
    expect(jsonViewText(doc, typed)).toBe('{ "name": "b"');
    expect(jsonViewText({ name: 'c' }, typed)).toBe('{ "name": "b"');
  });
  it('keeps the user formatting of valid text until the draft changes elsewhere', () => {
    const typed = { text: '{"name":"a"}', error: null, doc };
    expect(jsonViewText(doc, typed)).toBe('{"name":"a"}');
    const other = { name: 'c' };
    expect(jsonViewText(other, typed)).toBe(draftToJson(other));
  });
});
