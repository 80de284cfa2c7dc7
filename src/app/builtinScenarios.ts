/** The scenarios shipped in /scenarios, found at build time so new files appear without code changes. */
export interface BuiltinScenario {
  /** File name without extension, e.g. "online-class-evening-burst". */
  id: string;
  name: string;
  description: string;
  doc: Record<string, unknown>;
}

export const HEADLINE_SCENARIO_ID = 'online-class-evening-burst';

/** Sorted by name, headline first; files that are not scenario-shaped objects are skipped. */
export function builtinScenariosFrom(modules: Record<string, unknown>): BuiltinScenario[] {
  const list: BuiltinScenario[] = [];
  for (const [file, mod] of Object.entries(modules)) {
    const doc = (mod && typeof mod === 'object' && 'default' in mod ? (mod as { default: unknown }).default : mod) as unknown;
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) continue;
    const d = doc as Record<string, unknown>;
    const id = file.replace(/^.*\//, '').replace(/\.json$/, '');
    list.push({ id, name: typeof d.name === 'string' ? d.name : id, description: typeof d.description === 'string' ? d.description : '', doc: d });
  }
  return list.sort((a, b) => (a.id === HEADLINE_SCENARIO_ID ? -1 : b.id === HEADLINE_SCENARIO_ID ? 1 : a.name.localeCompare(b.name)));
}

export const BUILTIN_SCENARIOS: BuiltinScenario[] = builtinScenariosFrom(import.meta.glob('/scenarios/*.json', { eager: true }));
