import { defineConfig } from 'vite';

// `npm run dev` serves the page with hot reload and sends GraphQL to a running `statusmap serve`.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/graphql': 'http://127.0.0.1:8000', '/health': 'http://127.0.0.1:8000' } },
});
