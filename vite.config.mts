import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Vite's dev server injects inline scripts and styles for hot reload, which the
 * production CSP (renderer/index.html) forbids. Drop the CSP meta in dev only;
 * builds keep it.
 */
const devWithoutCsp: Plugin = {
  name: 'ferry-dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
};

// The renderer: built to dist/renderer, loaded from app://ferry/ in Electron
// and from the browser-mode server otherwise. Relative asset URLs work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devWithoutCsp],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
