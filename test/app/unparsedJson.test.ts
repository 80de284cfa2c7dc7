import { describe, expect, it } from 'vitest';
import { keepUnparsed, keptUnparsed } from '../../src/app/editor/unparsedJson.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('JSON-view text that does not parse, across a reload', () => {
  it('comes back for the same draft (equal JSON, not the same object), not for another', () => {
    const s = memoryStorage();
    keepUnparsed(s, '{ "name": "a"', { name: 'x' });
    expect(keptUnparsed(s, { name: 'x' })).toBe('{ "name": "a"');
    expect(keptUnparsed(s, { name: 'y' })).toBe(null);
    keepUnparsed(s, null, { name: 'x' });
    expect(keptUnparsed(s, { name: 'x' })).toBe(null);
  });
  it('blocked storage loses only this copy', () => {
    const blocked = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('full'); }, removeItem: () => {} };
    expect(() => keepUnparsed(blocked, 'x', {})).not.toThrow();
    expect(keptUnparsed(blocked, {})).toBe(null);
    expect(keptUnparsed(null, {})).toBe(null);
  });
});
