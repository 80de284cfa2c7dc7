import type { PodTable } from '../src/workload/podTable.ts';

/**
 * The floor: the least work any simulator of pod-billed serverless must do on a trace. One
 * arrival and one finish event per pod through a binary min-heap in typed arrays (time, then
 * insertion order), per-second billing with a 60 s minimum on the request (vCPU and GiB).
 * Arrivals are fed one at a time (the next arrival is pushed when one is popped), so the heap only
 * holds in-flight work, as in Spillway's kernel. Nothing is allocated per event.
 */
export interface ReferenceResult {
  events: number;
  cost: number;
  peakRunning: number;
  wallMs: number;
}

const PRICE_VCPU_SECOND = 0.04048 / 3600;
const PRICE_GIB_SECOND = 0.004445 / 3600;

export function referenceLoop(pods: PodTable): ReferenceResult {
  const t0 = performance.now();
  const n = pods.count;
  const arrival = pods.arrival;
  const duration = pods.duration;
  const cpu = pods.cpu;
  const mem = pods.mem;
  // At most every pod in flight plus the next arrival: no growth, no per-event allocation.
  const cap = n + 1;
  const hTime = new Float64Array(cap);
  const hSeq = new Float64Array(cap);
  // Payload: pod index for a finish, -(pod + 1) for an arrival.
  const hPay = new Int32Array(cap);
  let size = 0;
  let seq = 0;
  let events = 0;
  let cost = 0;
  let running = 0;
  let peakRunning = 0;
  if (n > 0) {
    hTime[0] = arrival[0];
    hSeq[0] = seq++;
    hPay[0] = -1;
    size = 1;
  }
  while (size > 0) {
    // Pop the root: move the last entry to the root and sift it down.
    const now = hTime[0];
    const payload = hPay[0];
    const last = --size;
    if (last > 0) {
      const t = hTime[last];
      const s = hSeq[last];
      const p = hPay[last];
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        const r = c + 1;
        if (r < last && (hTime[r] < hTime[c] || (hTime[r] === hTime[c] && hSeq[r] < hSeq[c]))) c = r;
        if (t < hTime[c] || (t === hTime[c] && s < hSeq[c])) break;
        hTime[i] = hTime[c];
        hSeq[i] = hSeq[c];
        hPay[i] = hPay[c];
        i = c;
      }
      hTime[i] = t;
      hSeq[i] = s;
      hPay[i] = p;
    }
    events++;
    // Handle it: an arrival schedules the next arrival and its own finish; a finish bills.
    let pushes = 0;
    let pushTime = 0;
    let pushPay = 0;
    if (payload < 0) {
      const pod = -payload - 1;
      running++;
      if (running > peakRunning) peakRunning = running;
      pushes = pod + 1 < n ? 2 : 1;
      pushTime = now + duration[pod];
      pushPay = pod;
    } else {
      running--;
      const billed = Math.max(60, Math.ceil(duration[payload] - 1e-9));
      cost += billed * ((cpu[payload] / 1000) * PRICE_VCPU_SECOND + (mem[payload] / 1024) * PRICE_GIB_SECOND);
    }
    for (; pushes > 0; pushes--) {
      const time = pushes === 2 ? arrival[pushPay + 1] : pushTime;
      const pay = pushes === 2 ? -(pushPay + 2) : pushPay;
      const sq = seq++;
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const pt = hTime[parent];
        if (pt < time || (pt === time && hSeq[parent] < sq)) break;
        hTime[i] = pt;
        hSeq[i] = hSeq[parent];
        hPay[i] = hPay[parent];
        i = parent;
      }
      hTime[i] = time;
      hSeq[i] = sq;
      hPay[i] = pay;
    }
  }
  return { events, cost, peakRunning, wallMs: performance.now() - t0 };
}
