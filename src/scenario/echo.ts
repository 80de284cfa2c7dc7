/** Longest piece of a user's value repeated in a message; a 1 MB name must not become a 1 MB error line. */
export const ECHO_MAX_CHARS = 60;

/**
 * A value the user gave, quoted for a message: JSON-quoted (so control characters and line breaks
 * cannot split the one-line error), cut to ECHO_MAX_CHARS characters with "…" when longer.
 */
export function echo(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const chars = Array.from(text.length > ECHO_MAX_CHARS * 2 ? text.slice(0, ECHO_MAX_CHARS * 2) : text);
  const cut = chars.length > ECHO_MAX_CHARS || text.length > ECHO_MAX_CHARS * 2;
  return JSON.stringify(cut ? chars.slice(0, ECHO_MAX_CHARS).join('') + '…' : text);
}
