// Builds the renderer for `app://` (Electron) and `npm run web`: relative asset paths, a CSP nonce
// placeholder the app:// handler replaces (electron/main/content-security-policy.ts), no inline
// script, output in out/renderer/.
import react from '@vitejs/plugin-react';
// eslint-disable-next-line no-restricted-imports -- a Node script (build/serve), not renderer code
import { fileURLToPath } from 'node:url';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The entry (main.tsx) holds only the database code and imports the first screen dynamically, so
 * that the database starts opening before the interface code is evaluated. Preloading that chunk
 * (and the chunks it imports) from the HTML makes the browser fetch and compile it alongside the
 * entry instead of after it.
 */
function preloadFirstScreen(module: string): Plugin {
  return {
    name: 'codiag:preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((c) => c.type === 'chunk');
        const first = chunks.find((c) => c.moduleIds.includes(module));
        if (!first) throw new Error(`no chunk for ${module}: the first screen cannot be preloaded`);
        // What the page loads already (the entry, its imports) is not named twice.
        const files = [first.fileName, ...first.imports].filter(
          (file) => !html.includes(`"./${file}"`),
        );
        return files.map((file): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [
    react(),
    preloadFirstScreen(fileURLToPath(new URL('app/render-app.tsx', import.meta.url))),
  ],
  html: { cspNonce: '__CODIAG_CSP_NONCE__' },
  define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0') },
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    sourcemap: false,
    // CODIAG_NO_MINIFY=1: readable function names in profiles (bench/renderer.bench.ts traces).
    minify: process.env.CODIAG_NO_MINIFY ? false : undefined,
    chunkSizeWarningLimit: 1200,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
