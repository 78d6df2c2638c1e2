import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.RTD_API_URL ?? 'http://127.0.0.1:4000';

/**
 * `npm run build:web` writes dist/web, which the API serves at `/`; `npm run dev:web` serves the
 * app with hot reload on :5173 and proxies the API's paths to a running API (RTD_API_URL).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': api,
      '/config.json': api,
      '/health': api,
      '/downloads': api,
      '/uploads': api,
    },
  },
});
