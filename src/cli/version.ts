import pkg from '../../package.json' with { type: 'json' };

/** Spillway's version, stamped on partial results: parts from different versions never merge. */
export const SPILLWAY_VERSION: string = pkg.version;
