import type { Commitment as CommitmentConfig } from '../scenario/strategy.ts';
import { HourlyUsage } from './hourlyUsage.ts';

/** What a commitment did over the run, in the strategy's currency (the result's `commitment`). */
export interface CommitmentBill {
  perHour: number;
  discount: number;
  /** Paid for the commitment: perHour x the hours of the horizon, used or not. */
  committed: number;
  /** The part of the commitment that eligible usage consumed (at the discounted rate). */
  used: number;
  /** Paid for and not used. */
  unused: number;
  /** Eligible usage the commitment covered, at its on-demand price. */
  coveredAtOnDemand: number;
  /** Eligible usage beyond the commitment, paid on demand. */
  onDemand: number;
  /** On-demand price of the covered usage less what the commitment cost (negative: it cost more). */
  savings: number;
}

/**
 * A spend commitment (Savings Plans, reserved instances per hour, Alibaba savings plans). Each
 * hour on its own, like AWS's hourly application: eligible usage u (at on-demand prices) costs
 * u x (1 - discount) against the hour's commitment c; the commitment covers min(c, u(1-d)) of it,
 * which is u' = min(c, u(1-d)) / (1-d) at on-demand prices, and the rest, u - u', is paid on
 * demand. The hour's bill is c + (u - u'), that is covered x discounted rate + uncovered x
 * on-demand + unused commitment. Usage comes from the billing of eligible nodes and pods (the
 * models call `nodeBilled` / `podBilled`), split by hour in O(1) per billed interval.
 */
export class Commitment {
  readonly nodes: HourlyUsage;
  readonly serverless: HourlyUsage | undefined;

  constructor(
    readonly config: CommitmentConfig,
    horizon: number,
  ) {
    this.nodes = new HourlyUsage(horizon);
    this.serverless = config.covers === 'nodesAndServerless' ? new HourlyUsage(horizon) : undefined;
  }

  /**
   * Settles every hour. Returns the bill and how much of the node and serverless usage the
   * commitment covered (at on-demand prices), for the cost items to take off.
   */
  settle(): { bill: CommitmentBill; nodesCovered: number; serverlessCovered: number } {
    const { perHour, discount } = this.config;
    const nodes = this.nodes.sums();
    const serverless = this.serverless?.sums();
    const keep = 1 - discount;
    let committed = 0;
    let used = 0;
    let coveredAtOnDemand = 0;
    let onDemand = 0;
    let nodesCovered = 0;
    let serverlessCovered = 0;
    for (let h = 0; h < nodes.length; h++) {
      const c = (perHour * this.nodes.widthOf(h)) / 3600;
      const un = nodes[h];
      const us = serverless ? serverless[h] : 0;
      const u = un + us;
      const consumed = Math.min(c, u * keep);
      const covered = keep > 0 ? consumed / keep : u;
      committed += c;
      used += consumed;
      coveredAtOnDemand += covered;
      onDemand += u - covered;
      // Within the hour the covered share is split in proportion to the usage (any split gives the
      // same bill; this one keeps each cost item at or above zero).
      if (u > 0) {
        nodesCovered += (covered * un) / u;
        serverlessCovered += (covered * us) / u;
      }
    }
    return {
      bill: { perHour, discount, committed, used, unused: committed - used, coveredAtOnDemand, onDemand, savings: coveredAtOnDemand - committed },
      nodesCovered,
      serverlessCovered,
    };
  }
}
