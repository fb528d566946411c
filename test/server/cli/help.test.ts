/**
 * Every `codiag` command answers `--help`, `-h` and `codiag help CMD` from its declaration, and
 * refuses unknown options and value options without a value by name (issue 13). Table-driven over
 * the registry: a command registered without a complete spec fails here. No database is opened:
 * help and parse errors come before a command runs.
 */
import { describe, expect, it } from 'vitest';
import {
  commandSpec,
  parseCommandLine,
  renderCommandHelp,
  HELP_WIDTH,
} from '../../../server/cli/command-spec';
import { commandSpecs, runCli } from '../../../server/cli/run-cli';

async function cli(args: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readInput: async () => {
      throw new Error('no input should be read');
    },
  });
  return { code, stdout, stderr };
}

const specs = commandSpecs();
const names = specs.map((spec) => [spec.name] as const);

describe('codiag CMD --help', () => {
  it('has commands to check', () => {
    expect(specs.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(names)('%s', (name) => {
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) throw new Error(`no spec for ${name}`);

    it.each([[[name, '--help']], [[name, '-h']], [['help', name]], [[name, '--nosuch', '--help']]])(
      '%j prints its help on stdout, exit 0, nothing on stderr',
      async (args) => {
        const { code, stdout, stderr } = await cli(args);
        expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
        expect(stdout.startsWith(`usage: codiag ${name}`)).toBe(true);
        for (const option of Object.keys(spec.options)) expect(stdout).toContain(`--${option}`);
        expect(stdout).toContain('\nexamples:\n');
        expect(stdout).toContain(`  codiag ${name}`);
        expect(stdout).toContain('\nexit codes:\n');
        expect(stdout).toMatch(/\n {2}0 {2}/);
        expect(stdout).toMatch(/\n {2}2 {2}/);
      },
    );

    it(`lines of at most ${HELP_WIDTH} columns, a summary and a description`, () => {
      const text = renderCommandHelp(spec);
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(HELP_WIDTH);
      expect(spec.summary.trim()).not.toBe('');
      expect(spec.description.join('').trim()).not.toBe('');
      for (const [option, declared] of Object.entries(spec.options)) {
        expect(declared.description.trim(), `--${option}`).not.toBe('');
      }
    });

    it('refuses an unknown option by name: exit 2, nothing on stdout', async () => {
      const { code, stdout, stderr } = await cli([name, '--frobnicate']);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toContain(`codiag ${name}: unknown option --frobnicate`);
      expect(stderr).toContain(`run codiag ${name} --help`);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack
    });

    it('refuses an unknown short option by name', async () => {
      const { code, stderr } = await cli([name, '-z']);
      expect(code).toBe(2);
      expect(stderr).toContain('unknown option -z');
    });

    const valueOption = Object.entries(spec.options).find(([, o]) => o.value !== undefined);
    it.runIf(valueOption !== undefined)(
      `refuses --${valueOption?.[0] ?? ''} without its value, naming it`,
      async () => {
        const [option, declared] = valueOption ?? ['', { value: '' }];
        const { code, stdout, stderr } = await cli([name, `--${option}`]);
        expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
        expect(stderr).toContain(`option --${option} needs a value (${declared.value})`);
      },
    );
  });
});

describe('codiag help', () => {
  it.each([[['help']], [['--help']], [['-h']], [['help', '--help']]])(
    '%j lists every registered command with its summary on stdout, exit 0',
    async (args) => {
      const { code, stdout, stderr } = await cli(args);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(/^usage: codiag COMMAND/);
      const lines = stdout.split('\n');
      for (const spec of specs) {
        const line = lines.find((l) => l.startsWith(`  ${spec.name} `));
        expect(line, spec.name).toContain(spec.summary.slice(0, 30));
      }
      for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(HELP_WIDTH);
    },
  );

  it('without a command prints the usage on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await cli([]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^usage: codiag COMMAND/);
  });

  it('names an unknown command: exit 2', async () => {
    const helped = await cli(['help', 'nosuch']);
    expect({ code: helped.code, stdout: helped.stdout }).toEqual({ code: 2, stdout: '' });
    expect(helped.stderr).toContain('codiag help: unknown command nosuch');
    const run = await cli(['nosuch', '--help']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('codiag: unknown command nosuch');
  });
});

describe('parsing with a declaration', () => {
  const spec = commandSpec({
    name: 'sample',
    summary: 'a sample',
    description: ['A sample command.'],
    arguments: [{ name: 'FILE', description: 'a file' }],
    options: {
      from: { value: 'YYYY-MM-DD', description: 'the first day' },
      json: { description: 'as JSON' },
    },
    examples: [{ command: 'codiag sample x', comment: 'an example' }],
    exitCodes: [{ code: 0, meaning: 'done' }],
  });

  it('reads values (spaced or with =), flags and positionals, "-" being a positional', () => {
    expect(parseCommandLine(spec, ['-', '--from', '2026-01-01', '--json'])).toEqual({
      positionals: ['-'],
      options: { from: '2026-01-01', json: true },
    });
    expect(parseCommandLine(spec, ['f', '--from=2026-02-01'])).toEqual({
      positionals: ['f'],
      options: { from: '2026-02-01' },
    });
  });

  it.each([
    [['f', '--json=yes'], 'option --json takes no value, got "yes"'],
    [['f', '--from', '--json'], 'option --from needs a value (YYYY-MM-DD), got the option --json'],
    [[], 'missing FILE: expected a file'],
    [['f', 'g'], 'unexpected argument g'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseCommandLine(spec, args)).toThrow(message);
  });

  it('keeps --help for itself: a declaration may not declare it', () => {
    expect(() => commandSpec({ ...spec, options: { help: { description: 'mine' } } })).toThrow(
      'the option --help is every command',
    );
  });
});
