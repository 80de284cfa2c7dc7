import { defineConfig, type Plugin } from 'vite';

/**
 * `npm start` opens a browser only where one can be shown: a desktop session on Linux (DISPLAY or
 * WAYLAND_DISPLAY), or macOS/Windows. Headless (CI, containers, SSH) it just serves, instead of
 * letting xdg-open fail or start a terminal browser. BROWSER=none also turns it off, as in Vite.
 */
function canOpenBrowser(): boolean {
  if (process.env.BROWSER === 'none' || process.env.CI) return false;
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * Source maps are opt-in (SPILLWAY_SOURCEMAP=1 npm run build): they were 4.4 MB of the 5.4 MB in
 * dist/, shipped to every host that serves the app, and expose the whole source tree. A developer
 * who needs to debug a production bundle turns them on; nobody else pays for them.
 */
function sourceMaps(): boolean {
  return process.env.SPILLWAY_SOURCEMAP === '1';
}

/**
 * The built page may run only its own files: scripts and workers from its own origin (no inline
 * script, no eval: zod runs jitless), styles from its own stylesheet (React sets style props
 * through the CSSOM, which CSP allows), images from itself plus data: (the favicon) and blob:
 * (PNG export draws the chart's SVG through a blob: URL). Only in `vite build`: the dev server
 * injects inline styles and a websocket that this policy would block. A <meta> policy governs the
 * page, not its workers (a worker takes its policy from its script's response headers); hosts that
 * can set headers can send this string as a header too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'spillway-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig(({ command }) => ({
  // Relative asset and worker URLs: dist/ works from any static server under any sub-path (GitHub Pages).
  base: './',
  plugins: [contentSecurityPolicy()],
  server: { port: 5173, open: command === 'serve' && process.env.npm_lifecycle_event === 'start' && canOpenBrowser() },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: sourceMaps() },
}));
