import { writeFileSync } from 'node:fs';
import { InputError } from './loadScenarioFile.ts';

/** Prints the command's output, or writes it to `--out FILE` (e.g. a shard's partial on a shared volume). */
export function writeOutput(text: string, out?: string): void {
  if (out === undefined) {
    console.log(text);
    return;
  }
  try {
    writeFileSync(out, text + '\n');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new InputError(`--out ${out}: cannot write: ${why}`);
  }
}
