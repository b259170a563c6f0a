import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.js';

// Absolute paths, so the build works from any working directory (npm script, e2e setup).
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP is `default-src 'self'`: everything ships as files, nothing inline or remote.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` serves the API on 8080; the Vite dev server forwards API calls to it.
    proxy: { '/api': 'http://localhost:8080', '/privacy.json': 'http://localhost:8080' },
  },
});
