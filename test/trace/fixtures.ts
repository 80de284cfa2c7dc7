import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of a file in test/fixtures/trace. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/trace/${name}`, import.meta.url));
}

/** A fixture's text, decoded as the importers decode files (UTF-8, BOM kept). */
export function fixtureText(name: string): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(fixturePath(name)));
}
