import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText } from '../../src/scenario/parse.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';

export const scenariosDir = join(import.meta.dirname, '..', '..', 'scenarios');

/** The built-in scenarios, parsed, by file name. */
export const builtins: Array<{ file: string; scenario: Scenario }> = readdirSync(scenariosDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, scenario: parseScenarioText(readFileSync(join(scenariosDir, file), 'utf8'), file) }));
