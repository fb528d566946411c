/**
 * `npm run bench [-- PART…]`: runs the benchmarks (all, or the parts named) and prints Markdown
 * tables to paste into docs/benchmarks.md. Timings are never asserted in tests; they are recorded
 * here. `npm run bench -- --help` lists the parts and the variables they read; an unknown part or
 * option exits with code 2 before anything runs.
 */
import { cpus } from 'node:os';
import {
  commandSpec,
  EXIT_BAD_INPUT,
  EXIT_DONE,
  EXIT_FAILURE,
  parseProgramArguments,
} from '../server/cli/command-spec';
import { runIndicatorsBench } from './indicators.bench';
import { runOrientationBench } from './orientation.bench';
import { runRendererBench } from './renderer.bench';
import { runSyncBench } from './sync.bench';

const BENCHES: Record<string, { run: () => void | Promise<void>; summary: string }> = {
  orientation: {
    run: runOrientationBench,
    summary: 'orientation evaluations over 100 000 generated profiles, and contract drafts',
  },
  sync: {
    run: runSyncBench,
    summary: '200 laptops pushing and pulling at once against the server on PostgreSQL',
  },
  indicators: {
    run: runIndicatorsBench,
    summary: 'the steering indicators in the database over a year of 100 000 pushed interviews',
  },
  renderer: {
    run: runRendererBench,
    summary: 'the built renderer in Chromium: cold load, keystrokes, saves, contract, agenda list',
  },
};

const BENCH_SPEC = commandSpec({
  name: 'bench',
  summary: 'run the benchmarks and print Markdown tables for docs/benchmarks.md',
  description: [
    'Runs every part, or the parts named, one after the other, and prints their figures as ' +
      'Markdown tables (docs/benchmarks.md says how to read them). Run it on a quiet machine; ' +
      'nothing is asserted.',
    `Parts: ${Object.entries(BENCHES)
      .map(([name, bench]) => `${name} (${bench.summary})`)
      .join('; ')}.`,
  ],
  arguments: [
    {
      name: 'PART',
      description: `a part to run: ${Object.keys(BENCHES).join(', ')} (default: all of them)`,
      optional: true,
      variadic: true,
    },
  ],
  options: {},
  environment: [
    {
      name: 'BENCH_DATABASE_URL',
      description:
        'a PostgreSQL for sync (required, else skipped) and indicators (else PGlite in memory); ' +
        'a throwaway database or schema is created and dropped',
    },
    { name: 'TEST_DATABASE_URL', description: 'used when BENCH_DATABASE_URL is unset' },
    {
      name: 'BENCH_INDICATORS_COUNT',
      description: 'the interviews of the indicators part (default 100000; 1000000 for the growth)',
    },
    {
      name: 'CHROMIUM_PATH',
      description: 'the Chromium of the renderer part (default /usr/bin/chromium)',
    },
    {
      name: 'RENDERER_PARTS',
      description:
        'the renderer part’s steps to run, comma-separated (default cold,pin,keys,save,contract,list)',
    },
    {
      name: 'RENDERER_TRACE',
      description: 'a folder where the renderer part also writes Chromium traces of keys and saves',
    },
  ],
  examples: [
    { command: 'npm run bench', comment: 'every part' },
    {
      command:
        'BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- sync',
      comment: 'the sync part against a PostgreSQL',
    },
    {
      command: 'RENDERER_PARTS=keys,save npm run bench -- renderer',
      comment: 'two steps of the renderer part',
    },
  ],
  exitCodes: [
    { ...EXIT_DONE, meaning: 'the parts ran (their tables are on standard output)' },
    { ...EXIT_FAILURE, meaning: 'a part failed; its error is printed' },
    { ...EXIT_BAD_INPUT, meaning: 'an unknown part or option; nothing ran' },
  ],
});

const parsed = parseProgramArguments(BENCH_SPEC, 'npm run bench --', process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if ('exitCode' in parsed) process.exit(parsed.exitCode);
const wanted = parsed.input.positionals;
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
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length === 0 || wanted.includes(name)) await bench.run();
}
