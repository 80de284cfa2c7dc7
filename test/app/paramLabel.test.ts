import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changesWorkload, sweepParamLabel } from '../../src/app/whatif/paramLabel.ts';
import { parseScenario } from '../../src/scenario/parse.ts';

const headline = parseScenario(JSON.parse(readFileSync(new URL('../../scenarios/online-class-evening-burst.json', import.meta.url), 'utf8')));

describe('sweep parameters read in the editor’s words, not as schema paths', () => {
  it('names the field by its editor label and the source or strategy it belongs to', () => {
    expect(sweepParamLabel('workload.1.podsPerSession', headline)).toBe(`Pods per session (${headline.workload[1].name})`);
    expect(sweepParamLabel('strategies.1.serverless.pricePerVcpuHour', headline)).toBe(`Serverless price per vCPU-hour (${headline.strategies[1].name})`);
    expect(sweepParamLabel('strategies.0.nodePool.autoscaler.scanInterval', headline)).toBe(`scan-interval (${headline.strategies[0].name})`);
    expect(sweepParamLabel('strategies.0.nodePool.provisioningDelay.median', headline)).toBe(`Node provisioning delay, median (${headline.strategies[0].name})`);
    expect(sweepParamLabel('slo.pendingSeconds', headline)).toBe('SLO: max pending');
  });

  it('a knob reads as its slider; a field the editor does not show is spelled out from its key', () => {
    expect(sweepParamLabel('knob:serverlessPriceScale', headline)).toBe('Serverless price');
    expect(sweepParamLabel('strategies.0.nodePool.overhead.daemonSet.pods', headline)).toBe(`Overhead daemon set pods (${headline.strategies[0].name})`);
    for (const p of ['knob:burstScale', 'workload.1.podsPerSession', 'strategies.0.nodePool.minNodes']) expect(sweepParamLabel(p, headline)).not.toMatch(/^knob:|\.\d+\./);
  });

  it('knows which parameters change the pods replayed', () => {
    expect(['knob:burstScale', 'workload.0.maxReplicas'].map(changesWorkload)).toEqual([true, true]);
    expect(['knob:serverlessPriceScale', 'strategies.1.serverless.pricePerVcpuHour', 'slo.pendingSeconds'].map(changesWorkload)).toEqual([false, false, false]);
  });
});
