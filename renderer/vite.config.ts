// Builds the renderer for `app://` (Electron) and `npm run web`: relative asset paths, a CSP nonce
// placeholder the app:// handler replaces (electron/main/content-security-policy.ts), no inline
// script, output in out/renderer/.
import react from '@vitejs/plugin-react';
// eslint-disable-next-line no-restricted-imports -- a Node script (build/serve), not renderer code
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  html: { cspNonce: '__CODIAG_CSP_NONCE__' },
  define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0') },
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
