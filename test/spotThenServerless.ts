import { constant, noOverhead } from './helpers.ts';
import { hashString, Random } from '../src/sim/random.ts';

/**
 * One spot node and serverless pods for what does not fit (spot.test.ts, sessionEnd.test.ts): a
 * pod stopped by the node's interruption goes to serverless (no Ready node has room) and reruns
 * there. Prices and delays are round numbers the tests bill by hand.
 */

/** A 4 vCPU / 16 GiB node with no reservations; on demand $0.2/h, spot at half that. */
export const node = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };
/** Seconds in the month of interruption rates (730 h). */
export const MONTH = 730 * 3600;

/** The notices a spot node draws come from this stream (src/models/registry.ts), in order. */
export const spotStream = (seed: number) => new Random(seed, hashString('spot nodes'));

/** Regular serverless pods at $0.036 per vCPU-hour (memory free), exact sizes, 5 s sandbox + 10 s pull. */
export const serverless = {
  preset: 'aws-fargate' as const,
  pricePerVcpuHour: 0.036,
  pricePerGiBHour: 0,
  sizing: { kind: 'exact' as const },
  podOverheadMiB: 0,
  billing: { granularitySeconds: 1, minimumSeconds: 0 },
  launchRate: null,
  podStart: { sandbox: constant(5), imagePull: constant(10) },
};

/** The mixed strategy: the spot node (2 s sandbox, 8 s pull; 720 interruptions a month unless `spot` says otherwise), no autoscaler. */
export function spotThenServerless(spot: object) {
  return {
    kind: 'mixed' as const,
    name: 'spot + pods',
    controlPlanePerHour: 0,
    nodePool: {
      instanceTypes: [node],
      minNodes: 1,
      autoscaler: null,
      overhead: noOverhead,
      podStart: { sandbox: constant(2), imagePull: constant(8) },
      spot: { discount: 0.5, interruptionsPerMonth: 720, ...spot },
    },
    serverless,
  };
}
