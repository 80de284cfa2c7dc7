/**
 * Finds where JSON text stops being valid, as a 0-based offset, or -1 if it is valid. Node's
 * JSON.parse does not always say where ("Unexpected token '}'"), and a person fixing a file needs
 * the line and column. A small checker, not a parser. It keeps the open arrays and objects on an
 * explicit stack instead of recursing, so input nested 100,000 deep cannot overflow the call stack.
 */
export function jsonErrorPosition(text: string): number {
  let i = 0;
  const n = text.length;
  /** Open containers, innermost last: OBJECT or ARRAY. */
  const open: number[] = [];
  const OBJECT = 0;
  const ARRAY = 1;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  /** Each reader returns false where the text breaks (at i). */
  const literal = (word: string): boolean => {
    if (!text.startsWith(word, i)) return false;
    i += word.length;
    return true;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) return false;
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return false;
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
      }
      i++;
    }
    if (i >= n) return false;
    i++;
    return true;
  };
  const number = (): boolean => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0].length === 0) return false;
    i += m[0].length;
    return true;
  };
  /** After `{` or `,` in an object: a key and its colon. */
  const key = (): boolean => {
    ws();
    if (text[i] !== '"' || !string()) return false;
    ws();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };

  if (text.charCodeAt(0) === 0xfeff) i = 1;
  // Each turn reads one value; an opening bracket pushes a container whose members the next
  // turns read, and after a value the closing brackets and commas decide what comes next.
  for (;;) {
    ws();
    const c = text[i];
    let scalar: boolean;
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        scalar = true; // an empty container is a complete value
      } else {
        open.push(c === '{' ? OBJECT : ARRAY);
        if (c === '{' && !key()) return Math.min(i, n);
        continue;
      }
    } else if (c === '"') scalar = string();
    else if (c === 't') scalar = literal('true');
    else if (c === 'f') scalar = literal('false');
    else if (c === 'n') scalar = literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) scalar = number();
    else scalar = false;
    if (!scalar) return Math.min(i, n);
    // A value is complete: close what it completes, or go on to the next member.
    for (;;) {
      if (open.length === 0) {
        ws();
        return i === n ? -1 : i;
      }
      ws();
      const inObject = open[open.length - 1] === OBJECT;
      if (text[i] === ',') {
        i++;
        if (inObject && !key()) return Math.min(i, n);
        break;
      }
      if (text[i] === (inObject ? '}' : ']')) {
        i++;
        open.pop();
        continue;
      }
      return Math.min(i, n);
    }
  }
}
