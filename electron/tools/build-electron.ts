/**
 * Bundles the Electron main process and preload with esbuild into `out/electron/main.cjs` and
 * `out/electron/preload.cjs` (`npm run build:electron`). `electron` stays external; everything else
 * (zod, shared/) is bundled, so the packaged app needs no node_modules. Auto-update code is only
 * compiled in when CODIAG_AUTO_UPDATE=1 (see docs/security.md, "Updates").
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ElectronBuildOptions {
  outDir?: string;
  autoUpdate?: boolean;
}

export async function buildElectron(options: ElectronBuildOptions = {}): Promise<string[]> {
  const outDir = options.outDir ?? path.join(repoRoot, 'out', 'electron');
  const autoUpdate = options.autoUpdate ?? process.env.CODIAG_AUTO_UPDATE === '1';
  const common: BuildOptions = {
    absWorkingDir: repoRoot,
    bundle: true,
    format: 'cjs',
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
    legalComments: 'none',
    minify: true,
    keepNames: true,
    sourcemap: false,
    logLevel: 'warning',
    define: { __CODIAG_AUTO_UPDATE__: autoUpdate ? 'true' : 'false' },
  };
  await build({
    ...common,
    entryPoints: { main: 'electron/main/main.ts' },
    platform: 'node',
    target: 'node22',
  });
  // The preload runs in a sandboxed renderer: a Node built-in import must fail the build.
  await build({
    ...common,
    entryPoints: { preload: 'electron/preload/preload.ts' },
    platform: 'browser',
    target: 'chrome130',
  });
  return [path.join(outDir, 'main.cjs'), path.join(outDir, 'preload.cjs')];
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const files = await buildElectron();
  console.log(`built ${files.map((file) => path.relative(repoRoot, file)).join(', ')}`);
}
