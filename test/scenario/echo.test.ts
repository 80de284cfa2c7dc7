import { describe, expect, it } from 'vitest';
import { resolveInstanceType } from '../../src/models/nodeShape.ts';
import { cut, echo } from '../../src/scenario/echo.ts';
import { safeParseScenario } from '../../src/scenario/parse.ts';

const huge = 'm'.repeat(1 << 20);

describe('user values echoed in messages are cut (issue 18 item 7)', () => {
  it('cuts at 60 characters with an ellipsis, on whole code points, and quotes line breaks', () => {
    expect(cut('a'.repeat(60))).toBe('a'.repeat(60));
    expect(cut('a'.repeat(61))).toBe('a'.repeat(60) + '…');
    expect(cut('😀'.repeat(61))).toBe('😀'.repeat(60) + '…');
    expect(echo('two\nlines')).toBe('"two\\nlines"');
  });

  it('does not repeat a 1 MB instance type name or duration in full', () => {
    expect(() => resolveInstanceType(huge, 'strategies.0.nodePool.instanceTypes.0')).toThrow(`unknown instance type "${'m'.repeat(60)}…";`);
    const r = safeParseScenario({
      schemaVersion: 1,
      name: 'x',
      horizon: huge,
      workload: [{ type: 'trace', name: 't', rows: [[0, 10, 100, 100]] }],
      strategies: [{ kind: 'serverless', name: 's', serverless: {} }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: 'horizon', message: `"${'m'.repeat(60)}…" is not a duration; use seconds or a number with s, m, h or d, e.g. "10m"` }]);
  });
});
