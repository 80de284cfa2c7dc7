import { defineConfig } from 'vite';

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

export default defineConfig(({ command }) => ({
  server: { port: 5173, open: command === 'serve' && process.env.npm_lifecycle_event === 'start' && canOpenBrowser() },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: sourceMaps() },
}));
