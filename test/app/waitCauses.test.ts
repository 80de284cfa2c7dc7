import { describe, expect, it } from 'vitest';
import { WAIT_CAUSES, type WaitCause } from '../../src/metrics/waits.ts';
import { causePhrase, CAUSE_KNOB, waitSentence } from '../../src/app/waitCauses.ts';
import { knobBaseline, sliderSpecs } from '../../src/app/whatif/knobs.ts';
import { formatDuration } from '../../src/app/format.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import headline from '../../scenarios/online-class-evening-burst.json' with { type: 'json' };

const causes = (c: Partial<Record<WaitCause, number>>) => Object.fromEntries(WAIT_CAUSES.map((k) => [k, c[k] ?? 0])) as Record<WaitCause, number>;
const scenario = parseScenario(headline);
const [nodes, eci, mixed] = scenario.strategies;

describe('wait causes in words', () => {
  it('names the setting behind the cause', () => {
    expect(causePhrase('launchThrottle', eci)).toBe('the ECI launch limit of 20 pods/s');
    // EKS on Fargate: the measured scheduling rate (7.8 pods/s, burst 20) binds before the 20/s
    // launch bucket, so that is the rate the sentence names; without it, the bucket.
    const fargate = parseScenario({ ...headline, strategies: [{ kind: 'serverless', name: 'fargate', serverless: { preset: 'aws-fargate' } }] }).strategies[0];
    expect(causePhrase('launchThrottle', fargate)).toBe('the Fargate start rate of 7.8 pods/s (its scheduler, under the launch limit of 20 pods/s)');
    const bucketOnly = parseScenario({ ...headline, strategies: [{ kind: 'serverless', name: 'fargate', serverless: { preset: 'aws-fargate', schedulingRate: null } }] }).strategies[0];
    expect(causePhrase('launchThrottle', bucketOnly)).toBe('the Fargate launch limit of 20 pods/s');
    expect(causePhrase('overflowTimeout', mixed)).toBe('the overflow timeout of 1 min');
    expect(causePhrase('limit', nodes)).toBe('the node limit (maxNodes 3,000)');
    expect(causePhrase('nextScan', nodes)).toBe('waiting for the next cluster-autoscaler scan (every 10 s)');
  });

  it('the sentence gives each strategy’s largest cause, most waiting first', () => {
    // ECI: 68 of 100 s on the launch limit; nodes: 30 of 40 s provisioning; mixed never waited.
    const s = waitSentence([
      { name: 'nodes', waits: { totalSeconds: 40, byCause: causes({ provisioning: 30, imagePull: 10 }) }, strategy: nodes },
      { name: 'ECI', waits: { totalSeconds: 100, byCause: causes({ launchThrottle: 68, sandbox: 32 }) }, strategy: eci },
      { name: 'mixed', waits: { totalSeconds: 0, byCause: causes({}) }, strategy: mixed },
    ]);
    // The provisioning median is the one the "Node provisioning time" slider starts from.
    const median = formatDuration(knobBaseline(scenario).provisioningMedian!);
    expect(s).toBe(`Where the wait goes: 68% of the wait of ECI is the ECI launch limit of 20 pods/s; 75% of the wait of nodes is node provisioning (median ${median} a node).`);
  });

  it('a share never reads as 100% when another cause has some seconds', () => {
    const s = waitSentence([{ name: 'A', waits: { totalSeconds: 1000, byCause: causes({ launchThrottle: 999, sandbox: 1 }) }, strategy: eci }]);
    expect(s).toContain('over 99% of the wait of A');
  });

  it('says nothing when no pod waited', () => {
    expect(waitSentence([{ name: 'A', waits: { totalSeconds: 0, byCause: causes({}) } }])).toBe('');
  });

  it('every cause with a knob links to a slider the panel has (instance type is its own select)', () => {
    const keys = new Set<string>(sliderSpecs(knobBaseline(scenario)).map((s) => s.key));
    keys.add('instanceType');
    for (const c of WAIT_CAUSES) {
      const k = CAUSE_KNOB[c];
      if (k) expect(keys.has(k), `${c} -> ${k}`).toBe(true);
    }
  });
});

describe('node provisioning names the stage most of the wait went to', () => {
  const stages = (s: Partial<Record<string, number>>) =>
    Object.fromEntries(['awaitingScaleUp', 'autoscalerLoop', 'nodeGroupReaction', 'nodeGroupLaunchRate', 'cloudApiBucket', 'nodeStartup', 'roomOnReadyNode', 'notBound'].map((k) => [k, s[k] ?? 0])) as never;
  const eks = parseScenario({ ...headline, strategies: [{ kind: 'nodes', name: 'EKS + CA', nodePool: { instanceTypes: ['m6i.2xlarge'], provisioning: { preset: 'eks-ec2' } } }] }).strategies[0];

  it('a burst held back by given-up nodes and backoff says so, with its share of the whole wait', () => {
    // 1,000 s of waiting: 960 provisioning, of which 450 before the scale-up and 340 on the launch rate.
    const waits = { totalSeconds: 1000, byCause: causes({ provisioning: 960, imagePull: 40 }), provisioningByStage: stages({ awaitingScaleUp: 450, nodeGroupLaunchRate: 340, nodeGroupReaction: 120, nodeStartup: 50 }) };
    expect(waitSentence([{ name: 'EKS + CA', waits, strategy: eks }])).toBe(
      "Where the wait goes: 96% of the wait of EKS + CA is node provisioning, mostly the wait for the scale-up that asked for each pod's node (45% of the wait: nodes given up after max-node-provision-time and the node group's backoff, or pods ahead in line).",
    );
  });

  it("the node group's launch rate, with the preset's rate (EKS: 1.2 nodes/s)", () => {
    const waits = { totalSeconds: 100, byCause: causes({ provisioning: 90, sandbox: 10 }), provisioningByStage: stages({ nodeGroupLaunchRate: 60, nodeStartup: 30 }) };
    expect(causePhrase('provisioning', eks, waits)).toBe("node provisioning, mostly the node group's launch rate of 1.2 nodes/s (60% of the wait)");
  });

  it("nodes' own start-up keeps the median time of a node", () => {
    const waits = { totalSeconds: 100, byCause: causes({ provisioning: 90, sandbox: 10 }), provisioningByStage: stages({ nodeStartup: 50, nodeGroupReaction: 40 }) };
    expect(causePhrase('provisioning', eks, waits)).toMatch(/^node provisioning \(median .+ a node\)$/);
  });
});
