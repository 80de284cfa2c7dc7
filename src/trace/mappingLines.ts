import type { TraceLayout } from './detect.ts';
import type { TraceMapping } from './mapping.ts';
import type { CpuUnitGuess, MemoryUnitGuess } from './unitGuess.ts';

/**
 * The mapping an import used, one line per mapped column: its role, the column, its unit or
 * format, and why (the unit guess with its confidence, the known layout, or "given"). The CLI
 * prints these on stderr before it runs, so a misread unit is seen before any number is.
 */

export interface MappingSource {
  layout: TraceLayout | 'custom';
  mapping: TraceMapping;
  notes: readonly string[];
  units?: { cpu?: CpuUnitGuess; memory?: MemoryUnitGuess };
}

const KNOWN_LAYOUT: Partial<Record<TraceLayout, string>> = {
  canonical: 'the canonical Spillway columns',
  'canonical-headerless': 'the canonical Spillway column order',
  'alibaba-openb': 'the Alibaba openb pod list layout',
  'alibaba-genai-qps': 'the Alibaba GenAI QPS layout',
  'alibaba-genai-requests': 'the Alibaba GenAI request log layout',
};

const quoted = (ref: string | number) => (typeof ref === 'number' ? `column ${ref + 1}` : `"${ref}"`);

/** The reason detection gave for a role, from its note `role: "column" ...`, or null. */
function noteReason(notes: readonly string[], role: string, ref: string | number): string | null {
  const prefix = `${role}: ${quoted(ref)}`;
  const note = notes.find((n) => n.startsWith(prefix));
  if (!note) return null;
  const m = /\(([^]*)\)$/.exec(note);
  return m ? m[1] : 'matched by name';
}

/** `why` names where a user-given mapping came from ("from mapping.json"). */
export function mappingLines(source: MappingSource, why = 'from the given mapping'): string[] {
  const { mapping: m, layout, notes } = source;
  const known = KNOWN_LAYOUT[layout as TraceLayout];
  const reasonFor = (role: string, ref: string | number, guess?: CpuUnitGuess | MemoryUnitGuess): string => {
    if (layout === 'custom') return why;
    if (known) return known;
    if (guess) return `${guess.ambiguous ? 'unclear: ' : ''}${guess.reason}; ${guess.confidence} confidence`;
    return noteReason(notes, role, ref) ?? 'matched by name';
  };
  const lines: string[] = [];
  // JSON cluster exports: fixed fields, units as the exporters write them.
  if (m.kind === 'prometheus-query-range' || m.kind === 'kubectl-pods') {
    if (m.kind === 'prometheus-query-range') {
      lines.push('CPU: kube_pod_container_resource_requests{resource="cpu", unit="core"} in cores, summed over containers (kube-state-metrics)');
      lines.push('memory: kube_pod_container_resource_requests{resource="memory", unit="byte"} in bytes, summed over containers (kube-state-metrics)');
    } else {
      lines.push('CPU: spec.containers[].resources.requests.cpu as Kubernetes quantities (500m = millicores, 2 = cores)');
      lines.push('memory: spec.containers[].resources.requests.memory as Kubernetes quantities (512Mi, 1G; plain numbers = bytes)');
    }
    lines.push('class: the namespace');
    if (m.filter) lines.push(`filter: pods in namespace "${m.filter.equals}"`);
    return lines;
  }
  const line = (role: string, ref: string | number, unit: string, reason: string) => lines.push(`${role}: ${quoted(ref)} in ${unit} (${reason})`);
  if (m.kind === 'rate' || m.kind === 'requests') {
    line('time', m.time.column, m.time.format, reasonFor('time', m.time.column));
    const placeholder = (what: string) => (layout === 'custom' ? why : `${what} a placeholder to set`.trim());
    if (m.kind === 'rate') lines.push(`value: ${quoted(m.value.column)} summed per time, ${m.capacityPerPod} per pod (${placeholder('capacity per pod is')})`);
    else lines.push(`${m.weight ? `weight: ${quoted(m.weight.column)}, ` : ''}requests counted per ${m.interval} s, ${m.capacityPerPod} per second per pod (${placeholder('capacity per pod is')})`);
    lines.push(`pod size: ${m.pod.cpuMillicores} millicores, ${m.pod.memoryMiB} MiB (${placeholder('')})`);
    return lines;
  }
  line('start', m.start.column, m.start.format, reasonFor('start', m.start.column));
  if (m.end) line('end', m.end.column, m.end.format, reasonFor('end', m.end.column));
  if (m.duration) line('duration', m.duration.column, m.duration.unit, reasonFor('duration', m.duration.column));
  if (m.cpu) line('CPU', m.cpu.column, m.cpu.unit, reasonFor('CPU', m.cpu.column, source.units?.cpu));
  if (m.memory) line('memory', m.memory.column, m.memory.unit, reasonFor('memory', m.memory.column, source.units?.memory));
  if (m.defaultPod && (!m.cpu || !m.memory)) {
    lines.push(`pod size: ${!m.cpu ? `${m.defaultPod.cpuMillicores} millicores` : ''}${!m.cpu && !m.memory ? ', ' : ''}${!m.memory ? `${m.defaultPod.memoryMiB} MiB` : ''} for every pod (no ${!m.cpu && !m.memory ? 'CPU or memory' : !m.cpu ? 'CPU' : 'memory'} column; ${layout === 'custom' ? why : 'a placeholder to set'})`);
  }
  if (m.class) lines.push(`class: ${quoted(m.class.column)}`);
  if (m.filter) lines.push(`filter: rows where ${quoted(m.filter.column)} is "${m.filter.equals}"`);
  return lines;
}
