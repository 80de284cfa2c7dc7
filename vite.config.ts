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

export default defineConfig(({ command }) => ({
  server: { port: 5173, open: command === 'serve' && process.env.npm_lifecycle_event === 'start' && canOpenBrowser() },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
}));
