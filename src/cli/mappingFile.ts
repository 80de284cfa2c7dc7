import { jsonErrorPosition } from '../scenario/jsonErrorPosition.ts';
import { TraceMapping, type TraceMappingInput } from '../trace/mapping.ts';
import { InputError, readText } from './loadScenarioFile.ts';

/**
 * Reads `--mapping FILE`: a trace column mapping in the schema the app saves (a trace source's
 * `mapping` in a scenario). A whole saved trace source (`{ "type": "trace", "mapping": {...} }`) is
 * accepted too, so a mapping can be copied out of a scenario file as is. Any problem is one
 * line, `file: path: message` (InputError: exit 2).
 */
export function readMappingFile(path: string): TraceMappingInput {
  const text = readText(path, 'mapping').replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = jsonErrorPosition(text);
    if (pos < 0) throw new InputError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    const before = text.slice(0, pos);
    const found = pos >= text.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(text[pos])}`;
    throw new InputError(`${path}: not valid JSON (${found} at line ${before.split('\n').length}, column ${pos - before.lastIndexOf('\n')})`);
  }
  let prefix = '';
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && !('kind' in doc) && 'mapping' in doc) {
    doc = (doc as { mapping: unknown }).mapping;
    prefix = 'mapping.';
  }
  const parsed = TraceMapping.safeParse(doc);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const where = first.path.length ? `${prefix}${first.path.map(String).join('.')}` : prefix ? 'mapping' : '(top level)';
    const more = rest.length ? ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})` : '';
    throw new InputError(`${path}: ${where}: ${first.message}${more}`);
  }
  return doc as TraceMappingInput;
}
