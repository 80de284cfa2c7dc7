// Derives scenarios/traces/openb-7d.csv from the Alibaba openb pod list (see scenarios/traces/README.md).
// Usage: node scripts/derive-openb.mjs ../shared/traces/alibaba-openb-2023/openb_pod_list_default.csv
// Keeps the pods alive during a 7-day window starting 20 days into the busy period, in the canonical
// format arrival_s,duration_s,cpu_m,mem_mib,class (class = qos). Pods running when the window opens
// arrive at 0; pods still running when it closes run to its end. Memory requests of 0 MiB become 1 MiB.
import { readFileSync } from 'node:fs';

const [, , input] = process.argv;
const lines = readFileSync(input, 'utf8').trim().split('\n');
const header = lines[0].split(',');
const col = (name) => header.indexOf(name);
const [cCpu, cMem, cQos, cCreate, cDelete] = ['cpu_milli', 'memory_mib', 'qos', 'creation_time', 'deletion_time'].map(col);
const WINDOW_START = 9_924_220 + 20 * 86400;
const WINDOW_END = WINDOW_START + 7 * 86400;
const out = ['arrival_s,duration_s,cpu_m,mem_mib,class'];
for (const line of lines.slice(1)) {
  const f = line.split(',');
  const start = Number(f[cCreate]);
  const end = f[cDelete] === '' ? WINDOW_END : Number(f[cDelete]);
  if (end <= WINDOW_START || start >= WINDOW_END || end <= start) continue;
  const a = Math.max(start, WINDOW_START) - WINDOW_START;
  const d = Math.min(end, WINDOW_END) - WINDOW_START - a;
  out.push(`${a},${d},${Number(f[cCpu])},${Math.max(1, Number(f[cMem]))},${f[cQos] || 'default'}`);
}
const body = out.slice(1).sort((x, y) => Number(x.split(',')[0]) - Number(y.split(',')[0]));
process.stdout.write([out[0], ...body].join('\n') + '\n');
