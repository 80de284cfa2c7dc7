import { describe, expect, it } from 'vitest';
import { simulationWorkers } from '../../src/app/simulationClient.ts';

describe('simulationWorkers', () => {
  it('leaves one core to the page, uses at least one worker and at most four', () => {
    expect(simulationWorkers(1)).toBe(1);
    expect(simulationWorkers(2)).toBe(1);
    expect(simulationWorkers(3)).toBe(2);
    expect(simulationWorkers(4)).toBe(3);
    expect(simulationWorkers(16)).toBe(4);
  });

  it('assumes two cores when the browser does not say', () => {
    expect(simulationWorkers(undefined)).toBe(1);
    expect(simulationWorkers(0)).toBe(1);
  });
});
