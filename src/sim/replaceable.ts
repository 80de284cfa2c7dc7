/**
 * A copy of a typed-array field's first array, for a class to store once more in its constructor
 * (`this.xs = replaceable(this.xs)`) when the field is replaced by a bigger array as it grows,
 * mid-replay. The second store is there for the JIT, so do not drop it as redundant:
 * V8 assumes a field stored only once is constant, and compiles code that relies on that. The
 * field's first growth then deoptimises every such function, and each is compiled again ("code
 * dependencies" in --trace-deopt; 5-6 groups of hot functions in a 1M replay, among them
 * cluster-autoscaler's unneeded-node update). The copy has the same kind and contents as the
 * original, so nothing else changes.
 */
export function replaceable<T extends Int32Array | Float64Array>(first: T): T {
  return first.slice() as T;
}
