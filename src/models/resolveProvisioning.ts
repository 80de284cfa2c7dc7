import { NODE_PROVISIONING_PRESETS, presetForProvider, type NodeProvisioningPresetId, type Rate } from '../providers/nodeProvisioning.ts';
import { NODE_IMAGE_PULL } from '../providers/imagePull.ts';
import { findInstanceType } from '../pricing/instanceTypes.ts';
import type { Delay } from '../scenario/delay.ts';
import type { NodePool } from '../scenario/strategy.ts';
import type { KubeReservedFormula } from './nodeReservation.ts';

/** A pool's node provisioning with its preset's values filled in. */
export interface ResolvedProvisioning {
  preset: NodeProvisioningPresetId;
  nodeGroupDelay: Delay;
  nodeGroupRate: Rate | null;
  launchRate: Rate | null;
  /** The stages after the create call is granted, or one delay for all of them (`provisioningDelay`). */
  stages: { request: Delay; boot: Delay; register: Delay; ready: Delay } | { whole: Delay };
  autoscalerLoop: boolean;
  billingStartsAt: 'request' | 'running';
  serializeImagePulls: boolean;
  /** A pull of an image of known size: latency + size / bandwidth. */
  imagePull: { mibPerSecond: number; latencySeconds: number };
  kubeReserved: KubeReservedFormula;
}

/** The preset a pool names, or its first catalog instance type's cloud, or custom. */
export function provisioningPresetOf(pool: Pick<NodePool, 'instanceTypes' | 'provisioning'>): NodeProvisioningPresetId {
  if (pool.provisioning?.preset) return pool.provisioning.preset;
  const first = pool.instanceTypes[0];
  return presetForProvider(typeof first === 'string' ? findInstanceType(first)?.provider : 'custom');
}

/**
 * Fills a pool's provisioning from its preset. A `custom` pool behaves as one delay from the
 * launch request to Ready with no limits and no autoscaler loop time (Spillway's model before
 * the stages). `provisioningDelay`, when given, replaces the preset's four stages.
 */
export function resolveProvisioning(pool: Pick<NodePool, 'instanceTypes' | 'provisioning' | 'provisioningDelay'>): ResolvedProvisioning {
  const id = provisioningPresetOf(pool);
  const p = NODE_PROVISIONING_PRESETS[id];
  const o = pool.provisioning ?? {};
  const stages = pool.provisioningDelay
    ? { whole: pool.provisioningDelay }
    : {
        request: o.stages?.request ?? p.stages.request,
        boot: o.stages?.boot ?? p.stages.boot,
        register: o.stages?.register ?? p.stages.register,
        ready: o.stages?.ready ?? p.stages.ready,
      };
  return {
    preset: id,
    nodeGroupDelay: o.nodeGroupDelay ?? p.nodeGroupDelay,
    nodeGroupRate: o.nodeGroupRate === undefined ? p.nodeGroupRate : o.nodeGroupRate,
    launchRate: o.launchRate === undefined ? p.launchRate : o.launchRate,
    stages,
    autoscalerLoop: o.autoscalerLoop ?? id !== 'custom',
    billingStartsAt: o.billingStartsAt ?? p.billingStartsAt,
    serializeImagePulls: o.serializeImagePulls ?? p.serializeImagePulls,
    imagePull: { mibPerSecond: o.imagePullMiBPerSecond ?? NODE_IMAGE_PULL[id].mibPerSecond, latencySeconds: o.imagePullLatency ?? NODE_IMAGE_PULL[id].latencySeconds },
    kubeReserved: p.kubeReserved,
  };
}
