/**
 * npm run build:cli [-- OUTDIR]: bundles the command line into plain JavaScript in dist-cli/, so
 * `spillway` (package.json "bin") runs on Node 20 without tsx or the sources.
 *
 * Two entries: the command (spillway.mjs) and the strategy worker thread it starts
 * (strategyWorker.mjs, loaded from beside it). dist-cli/ and not dist/: `vite build` empties dist/.
 */
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * zod's `z.locales` namespace holds its error messages in about 50 languages (0.36 MB of the
 * bundle); the CLI uses only English, which zod installs by default from locales/en.js. Loading
 * the bundle without them is about 20 ms faster at every start.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) => (/[\\/]zod[\\/]/.test(a.importer) ? { path: resolve(a.resolveDir, '../locales/en.js'), namespace: 'zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (a) => ({ contents: `export { default as en } from ${JSON.stringify(a.path)};`, resolveDir: root }));
  },
};
const outdir = resolve(process.argv[2] ?? `${root}dist-cli`);
await build({
  absWorkingDir: root,
  entryPoints: [
    { in: 'src/cli/main.ts', out: 'spillway' },
    { in: 'src/cli/strategyWorker.ts', out: 'strategyWorker' },
  ],
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The bundle starts its workers from strategyWorker.mjs instead of bundling them at run time with esbuild.
  define: { __SPILLWAY_BUNDLE__: 'true' },
  // Only the tsx path bundles workers at run time; the built CLI never loads esbuild.
  external: ['esbuild'],
  // papaparse is CommonJS and requires 'stream' at run time: give the ES module a require.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __spillwayRequire } from 'node:module';\nconst require = __spillwayRequire(import.meta.url);" },
  legalComments: 'linked',
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
});
// Runnable as a file too (./dist-cli/spillway.mjs), as npm does for an installed bin.
chmodSync(`${outdir}/spillway.mjs`, 0o755);
console.log(`built ${outdir}/spillway.mjs and strategyWorker.mjs`);
