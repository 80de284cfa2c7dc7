/**
 * Measures importing a large canonical trace (not a test: timings depend on the machine).
 *
 *   node /work/shared/bench/gen-trace.mjs --pods 1000000 --days 7 > /tmp/trace-1m.csv
 *   npx tsx test/trace/measureImport.ts /tmp/trace-1m.csv [file|text|blob]
 *
 * `file` reads through readTraceFile (chunked reads, as the CLI does); `text` imports a string
 * already in memory; `blob` goes through importTraceBlob (as the app's worker does with a File). Prints wall time, CPU time
 * (user + system; the honest figure when other jobs share the machine) and peak RSS.
 */
import { readFileSync } from 'node:fs';
import { importTraceBlob, importTraceText } from '../../src/trace/importer.ts';
import { readTraceFile } from '../../src/trace/readFile.node.ts';

const [path = '/tmp/trace-1m.csv', how = 'file'] = process.argv.slice(2);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const text = how === 'text' ? readFileSync(path, 'utf8') : '';
const blob = how === 'blob' ? new Blob([readFileSync(path)]) : null;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const { table, report } = blob
  ? await importTraceBlob(blob, undefined, { fileName: path })
  : how === 'text'
    ? importTraceText(text, undefined, { fileName: path })
    : readTraceFile(path);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sampler);
console.log(
  JSON.stringify({
    how,
    pods: table.count,
    accepted: report.accepted,
    rejected: report.rejected,
    seconds: +seconds.toFixed(2),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    rowsPerSecond: Math.round(report.dataRows / seconds),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  }),
);
