/**
 * Sets `value` at a dotted schema path ("strategies.2.nodePool.minNodes") of a plain JSON document,
 * returning a copy with the parents copied (the input is not changed). Numeric keys index arrays.
 */
export function setPath<T>(doc: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const go = (node: unknown, i: number): unknown => {
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [...node] : { ...(node as Record<string, unknown>) };
    const k = keys[i];
    const c = copy as Record<string, unknown>;
    c[k] = i === keys.length - 1 ? value : go(c[k] ?? {}, i + 1);
    return copy;
  };
  return go(doc, 0) as T;
}

/** The value at a dotted path, or undefined. */
export function getPath(doc: unknown, path: string): unknown {
  let node = doc;
  for (const k of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}
