import { defineConfig } from 'vite';

/** An absolute path from this folder (the config runs in node; no node imports needed for this). */
const fromHere = (relative: string): string => decodeURIComponent(new URL(relative, import.meta.url).pathname);

/**
 * The designers' web app. Built into dist/web, which the engine serves at `/`; the libs are read
 * from their TypeScript sources (the `#bpmn`/`#core` subpath imports point at the server build
 * otherwise), so the browser runs the same validation code as the server.
 */
export const webConfig = defineConfig({
  root: fromHere('.'),
  base: './',
  resolve: {
    alias: [
      { find: /^#bpmn$/, replacement: fromHere('../../libs/bpmn/src/index.ts') },
      { find: /^#core$/, replacement: fromHere('../../libs/core/src/index.ts') },
    ],
  },
  build: {
    outDir: fromHere('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // bpmn-js with the properties panel is one large chunk by nature.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    // `npm run dev:web` beside a running engine (`npm start`).
    proxy: { '/api': 'http://localhost:3000' },
  },
});

// Vite reads the config file's default export.
export default webConfig;
