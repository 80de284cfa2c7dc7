import { mappingLines } from '../trace/mappingLines.ts';
import type { TraceImportReport } from '../trace/report.ts';

/**
 * What the CLI says on stderr about a trace before it runs: how each column was read (unit and
 * why), and the pod sizes that suggest a unit was misread. `mappingFile` is the --mapping file
 * when the user gave one.
 */
export function traceMappingReport(file: string, report: TraceImportReport, mappingFile?: string): { lines: string[]; warnings: string[] } {
  const given = report.layout === 'custom';
  const source = given ? (mappingFile ? `from ${mappingFile}` : 'from the scenario') : 'detected';
  // Indented under the import's mode line ("file: mode: pod list ..."), one per column.
  const lines = mappingLines(report, source).map((l) => `  ${l}`);
  const warnings = (report.unitWarnings ?? []).map((w) => `${file}: ${w}`);
  return { lines, warnings };
}
