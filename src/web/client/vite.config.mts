// Vite builds the browser code in src/web/client into dist/web: one HTML entry per page, hashed
// assets under /assets (served by src/web/web-pages.ts), and a manifest that the bundle-weight check reads.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** Every page: its name and its HTML entry (add a page here and in src/web/web-pages.ts's BUILT_PAGES). */
const ENTRIES = {
  officer: 'officer/index.html',
  complain: 'public/complain.html',
  home: 'public/index.html',
  track: 'public/track.html',
  statistics: 'public/statistics.html',
  handbook: 'public/handbook.html',
  widget: 'public/widget.html',
  report: 'public/report.html',
  'follow-up': 'public/follow-up.html',
};
/**
 * Modules a page imports by the URL the server gives it (not a page): the map pin's part of /complain,
 * named by the server only when a tile server is configured (src/web/web-pages.ts reads its file from
 * the manifest). An entry of its own, so the page carries no loader for it.
 */
const MODULES = { 'location-pin': 'public/LocationPin.tsx' };

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  // JSX for Preact through Vite's own transformer (oxc): no Babel, no React
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, '../../../dist/web'),
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    target: 'es2022',
    // no inline <script> or data: URL anywhere: the CSP allows scripts from 'self' only
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: Object.fromEntries(
        Object.entries({ ...ENTRIES, ...MODULES }).map(([name, file]) => [name, resolve(root, file)]),
      ),
      // the modules keep their exports (a page has none to keep)
      preserveEntrySignatures: 'exports-only',
      // code shared by several pages (Preact, the API client, the components): one cached file
      output: { chunkFileNames: 'assets/shared-[hash].js' },
    },
  },
});
