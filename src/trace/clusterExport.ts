import type { LayoutDetection } from './detect.ts';
import { TraceImportError } from './errors.ts';
import { isObject, JsonIssueLog, parseJsonValues } from './jsonTrace.ts';
import { importKubectlPods } from './kubectlPods.ts';
import { TraceMapping, type ClusterExportMapping } from './mapping.ts';
import { importPromQueryRange } from './promQueryRange.ts';
import type { TraceImportReport, TraceImportResult } from './report.ts';

/**
 * JSON exports from a running cluster: which one a file is, and its import as a whole file.
 * The CSV path (importer.ts) hands JSON files here.
 */

const PROMETHEUS_NOTE = 'Prometheus query_range response (kube-state-metrics pod requests): one pod per pod uid, CPU in cores and memory in bytes as kube-state-metrics writes them';
const KUBECTL_NOTE = 'kubectl get pods -o json (a snapshot): Running and Pending pods with their requests become a steady workload from the horizon start';

/**
 * Which export the first bytes of a JSON file look like, for the import dialog (which reads only
 * the head of a file). Null when it is neither.
 */
export function detectClusterExport(head: string): LayoutDetection | null {
  if (/"resultType"\s*:\s*"matrix"/.test(head) || /^\s*\[\s*\{\s*"metric"\s*:/.test(head.replace(/^\uFEFF/, ''))) {
    return { layout: 'prometheus-query-range', mapping: TraceMapping.parse({ kind: 'prometheus-query-range' }), notes: [PROMETHEUS_NOTE] };
  }
  if (/"kind"\s*:\s*"(List|PodList|Pod)"/.test(head)) {
    return { layout: 'kubectl-pods', mapping: TraceMapping.parse({ kind: 'kubectl-pods' }), notes: [KUBECTL_NOTE] };
  }
  return null;
}

/** The export a parsed file is: a Pod list when any value has a kubectl "kind", else Prometheus. */
function exportKind(values: unknown[]): ClusterExportMapping['kind'] {
  return values.some((v) => isObject(v) && (v.kind === 'List' || v.kind === 'PodList' || v.kind === 'Pod')) ? 'kubectl-pods' : 'prometheus-query-range';
}

/**
 * Imports a whole JSON export. `mapping`, when given, must be one of the export kinds; a filter
 * can keep one namespace. Throws TraceImportError for files that are not an export.
 */
export function importClusterExport(text: string, mapping: TraceMapping | null, options: { fileName: string; strict: boolean }): TraceImportResult {
  const { fileName, strict } = options;
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new TraceImportError('the file is empty', fileName);
  if (mapping && mapping.kind !== 'prometheus-query-range' && mapping.kind !== 'kubectl-pods') {
    throw new TraceImportError(`the file is JSON, but the mapping is for CSV columns (kind "${mapping.kind}"); JSON files are Prometheus query_range or kubectl get pods -o json exports`, fileName);
  }
  const values = parseJsonValues(text, fileName);
  const stranger = values.find((v) => isObject(v) && typeof v.kind === 'string' && !['List', 'PodList', 'Pod'].includes(v.kind));
  if (stranger && isObject(stranger)) {
    throw new TraceImportError(`a Kubernetes "${String(stranger.kind)}", not a pod list: export pods with kubectl get pods -A -o json, or pod requests with a Prometheus query_range (see the README)`, fileName);
  }
  const kind = mapping?.kind ?? exportKind(values);
  const m = (mapping ?? TraceMapping.parse({ kind })) as ClusterExportMapping;
  if (m.filter && String(m.filter.column).trim().toLowerCase() !== 'namespace') {
    throw new TraceImportError(`filter: a ${kind} export can be filtered by namespace only (got "${m.filter.column}")`, fileName);
  }
  const namespace = m.filter ? m.filter.equals.trim() : null;
  const rejections = new JsonIssueLog(fileName, strict);
  const warnings = new JsonIssueLog(fileName);

  const out =
    kind === 'kubectl-pods'
      ? { ...importKubectlPods(values, fileName, { namespace }, rejections, warnings), censored: { start: 0, end: 0 } }
      : importPromQueryRange(values, fileName, { namespace, keepTimeOfDay: m.keepTimeOfDay }, rejections, warnings);
  const report: TraceImportReport = {
    fileName,
    layout: kind,
    mapping: m,
    notes: [kind === 'kubectl-pods' ? KUBECTL_NOTE : PROMETHEUS_NOTE, ...out.notes],
    delimiter: '',
    // Items: pods, plus series that could not be read (Prometheus).
    dataRows: out.accepted + rejections.total + out.filteredOut,
    accepted: out.accepted,
    rejected: rejections.total,
    filteredOut: out.filteredOut,
    blankLines: 0,
    rejections: rejections.list(),
    warnings: warnings.list(),
    censored: out.censored,
    origin: out.origin,
    pods: out.table.count,
    simplified: out.simplified,
  };
  return { table: out.table, report };
}
