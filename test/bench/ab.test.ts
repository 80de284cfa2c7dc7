import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { parseArm, resolveRef } from '../../bench/ab.ts';

describe('bench --ab arms', () => {
  it('splits REF:CASE at the last colon, so a ref may hold one (HEAD~1:nodes, .:mixed)', () => {
    expect(parseArm('c857ba1:nodes')).toEqual({ ref: 'c857ba1', kind: 'nodes' });
    expect(parseArm('.:mixed-one-delay')).toEqual({ ref: '.', kind: 'mixed-one-delay' });
    expect(parseArm('HEAD~1:nodes')).toEqual({ ref: 'HEAD~1', kind: 'nodes' });
  });

  it('refuses an arm without a case or without a ref, naming it', () => {
    for (const bad of ['c857ba1', 'c857ba1:', ':nodes']) expect(() => parseArm(bad)).toThrow(`"${bad}" is not REF:CASE`);
  });

  it('resolves a ref to its commit, once however it is named, and refuses a name that is no commit', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(head.startsWith(resolveRef('HEAD'))).toBe(true);
    expect(resolveRef(head)).toBe(resolveRef('HEAD'));
    expect(resolveRef('.')).toBe('.');
    expect(() => resolveRef('no-such-ref-here')).toThrow('--ab: "no-such-ref-here" is not a commit of this repository');
  });
});
