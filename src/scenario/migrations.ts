import { echoJson } from './echo.ts';
import { SCHEMA_VERSION } from './scenario.ts';

/**
 * Named, ordered upgrades from older scenario files. Each step takes version N to N + 1.
 * Version 0 is the unversioned draft format: same fields, no schemaVersion.
 */
export const MIGRATIONS: ReadonlyArray<{ from: number; name: string; up: (doc: Record<string, unknown>) => Record<string, unknown> }> = [
  { from: 0, name: 'add schemaVersion', up: (doc) => ({ ...doc, schemaVersion: 1 }) },
];

export class MigrationError extends Error {}

/** Brings a parsed JSON document to the current schema version, or says why it cannot. */
export function migrate(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  let current = doc as Record<string, unknown>;
  const declared = current.schemaVersion === undefined ? 0 : current.schemaVersion;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) {
    throw new MigrationError(`schemaVersion: ${echoJson(declared)} is not a version number`);
  }
  let version = declared;
  if (version > SCHEMA_VERSION) {
    throw new MigrationError(`schemaVersion: ${version} is newer than this Spillway understands (${SCHEMA_VERSION}); update Spillway to open it`);
  }
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) throw new MigrationError(`schemaVersion: no upgrade from version ${version}`);
    current = step.up(current);
    version = current.schemaVersion as number;
  }
  return current;
}
