/**
 * The npm scripts besides `codiag` answer `--help` and refuse unknown arguments (issue 13): the
 * server entry (server/main.ts) and the bench runner (bench/run.ts), run as their own processes
 * the way `npm run server -- --help` and `npm run bench -- --help` run them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO = new URL('../../../', import.meta.url).pathname;

async function run(
  script: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      // No database at hand: a run that went past the arguments would fail to start, not serve.
      { cwd: REPO, env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const PROGRAMS = [
  {
    script: 'server/main.ts',
    flag: '--help',
    usage: 'usage: npm run server\n',
    mentions: ['PORT', 'DATABASE_URL', 'CODIAG_DATA_DIR', 'CODIAG_TRUST_PROXY', 'LOG_LEVEL'],
    hint: 'run npm run server -- --help',
  },
  {
    script: 'bench/run.ts',
    flag: '-h',
    usage: 'usage: npm run bench -- [PART…]\n',
    mentions: ['orientation', 'sync', 'indicators', 'renderer', 'BENCH_DATABASE_URL'],
    hint: 'run npm run bench -- --help',
  },
] as const;

describe.each(PROGRAMS)('$script', (program) => {
  it(`prints its help on stdout with ${program.flag}, exit 0, and starts nothing`, async () => {
    const { code, stdout, stderr } = await run(program.script, [program.flag]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith(program.usage)).toBe(true);
    for (const word of program.mentions) expect(stdout).toContain(word);
    expect(stdout).toContain('\nexamples:\n');
    expect(stdout).toContain('\nexit codes:\n  0  ');
    expect(stdout).not.toContain('listening');
    expect(stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
  });

  it('refuses an unknown option with exit 2, naming it, before starting anything', async () => {
    const { code, stdout, stderr } = await run(program.script, ['--frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown option --frobnicate');
    expect(stderr).toContain(program.hint);
  });
});

describe('the server entry', () => {
  it('refuses any argument: it is configured by its environment', async () => {
    const { code, stdout, stderr } = await run('server/main.ts', ['9000']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unexpected argument 9000');
  });
});

describe('the bench runner', () => {
  it('refuses an unknown part with exit 2, listing the known ones, before running any', async () => {
    const { code, stdout, stderr } = await run('bench/run.ts', ['orientation', 'teleport']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown benchmark(s): teleport; known: orientation, sync');
  });
});
