/**
 * `npm run bench [-- NAME…]`: runs the benchmarks (all, or those named) and prints Markdown tables
 * to paste into docs/benchmarks.md. Timings are never asserted in tests; they are recorded here.
 */
import { cpus } from 'node:os';
import { runIndicatorsBench } from './indicators.bench';
import { runOrientationBench } from './orientation.bench';
import { runRendererBench } from './renderer.bench';
import { runSyncBench } from './sync.bench';

const BENCHES: Record<string, () => void | Promise<void>> = {
  orientation: runOrientationBench,
  sync: runSyncBench,
  indicators: runIndicatorsBench,
  renderer: runRendererBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`,
  );
  process.exit(2);
}
console.log(
  `codiag benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString()}`,
);
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
