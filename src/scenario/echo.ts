/** Longest piece of a user's value repeated in a message; a 1 MB name must not become a 1 MB error line. */
export const ECHO_MAX_CHARS = 60;

/** `text` cut to ECHO_MAX_CHARS characters (whole code points) with "…" when longer. */
export function cut(text: string): string {
  if (text.length <= ECHO_MAX_CHARS) return text;
  const chars = Array.from(text.slice(0, ECHO_MAX_CHARS * 2 + 2));
  return chars.length > ECHO_MAX_CHARS ? chars.slice(0, ECHO_MAX_CHARS).join('') + '…' : text;
}

/**
 * A text the user gave, quoted for a message: JSON-quoted (so control characters and line breaks
 * cannot split the one-line error) and cut to ECHO_MAX_CHARS characters.
 */
export function echo(value: unknown): string {
  return JSON.stringify(cut(typeof value === 'string' ? value : String(value)));
}

/** Any value the user gave, as JSON (a string quoted, a number or array as written), cut the same way. */
export function echoJson(value: unknown): string {
  return cut(JSON.stringify(value) ?? String(value));
}
