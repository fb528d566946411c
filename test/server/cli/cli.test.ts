import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/run-cli';
import { ALL_E, withCriteria } from '../../fixtures/criteria';
import { baseInterview, decisionFor } from '../../fixtures/interviews';

const REPO = new URL('../../../', import.meta.url).pathname;
const EXEMPLE = join(REPO, 'test/shared/referential/fixtures/exemple-2026.json');

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readInput: async (path) =>
      path === '-' ? stdin : (await import('node:fs/promises')).readFile(path, 'utf8'),
  });
  return { code, stdout, stderr };
}

describe('codiag orient', () => {
  it('orients one criteria object and prints one result', async () => {
    const { code, stdout, stderr } = await cli(['orient', '-'], JSON.stringify(ALL_E));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(result.dominante).toBe('emploi');
    expect(result.rule.id).toBe('all-employment');
    expect(result.reasons).toHaveLength(16);
  });

  it('orients an array, one result per input in order', async () => {
    const input = [
      withCriteria({ availability: 'unavailable' }),
      withCriteria({ barriers: { housing: 'light' } }),
      ALL_E,
      withCriteria({ barriers: { health: 'heavy', family: 'heavy' } }),
    ];
    const { code, stdout } = await cli(['orient', '-'], JSON.stringify(input));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((r: { dominante: string }) => r.dominante)).toEqual([
      'remobilisation',
      'equilibre',
      'emploi',
      'remobilisation',
    ]);
  });

  it('evaluates with another référentiel given as a file', async () => {
    const input = withCriteria({ barriers: { health: 'heavy' } });
    const { stdout } = await cli(['orient', '-', '--referential', EXEMPLE], JSON.stringify(input));
    expect(JSON.parse(stdout)).toMatchObject({
      dominante: 'sante',
      referential: { id: 'exemple-2026' },
    });
  });

  it('compares two référentiels and lists the cases that change dominante', async () => {
    const input = [
      ALL_E,
      withCriteria({ barriers: { health: 'heavy' } }),
      withCriteria({ autonomy: 'none' }),
    ];
    const { code, stdout } = await cli(
      ['orient', '-', '--compare', EXEMPLE],
      JSON.stringify(input),
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.total).toBe(3);
    expect(report.changed).toBe(1);
    expect(report.changes).toEqual([
      {
        index: 1,
        from: 'equilibre',
        to: 'sante',
        ruleBefore: 'some-constraints',
        ruleAfter: 'health-first',
      },
    ]);
  });

  it.each([
    [
      'a wrong value',
      [ALL_E, { ...ALL_E, availability: 'later' }],
      'item 1: availability: expected one of "immediate", "soon", "unavailable", got "later"',
    ],
    ['a missing field', { ...ALL_E, age: undefined }, 'item 0: age: expected number (missing)'],
    [
      'a wrong type',
      { ...ALL_E, rsaSeniorityMonths: '12' },
      'item 0: rsaSeniorityMonths: expected number, got "12"',
    ],
    ['an unknown barrier domain', { ...ALL_E, barriers: { garden: 'light' } }, 'item 0: barriers'],
  ])(
    'refuses %s: exit 2, nothing on stdout, the item, path and expected values on stderr',
    async (_n, input, message) => {
      const { code, stdout, stderr } = await cli(['orient', '-'], JSON.stringify(input));
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
    },
  );

  it('refuses input that is not JSON', async () => {
    const { code, stdout, stderr } = await cli(['orient', '-'], '{availability: soon');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/standard input: not valid JSON/);
  });

  it('refuses a malformed référentiel, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codiag-cli-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'x' }));
    const { code, stderr } = await cli(
      ['orient', '-', '--referential', bad],
      JSON.stringify(ALL_E),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid référentiel:\nversion: /);
  });

  it('refuses unknown options and commands', async () => {
    expect((await cli(['orient', '-', '--fast'])).stderr).toMatch(/unknown option --fast/);
    expect((await cli(['teleport'])).code).toBe(2);
  });
});

describe('codiag ceo', () => {
  const interviewFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'codiag-cli-'));
    const path = join(dir, 'interview.json');
    const interview = { ...baseInterview(), decision: decisionFor('emploi', 'pe-conseiller') };
    writeFileSync(path, JSON.stringify(interview));
    return path;
  };

  it('prints a readable contract draft', async () => {
    const { code, stdout } = await cli(['ceo', interviewFile()]);
    expect(code).toBe(0);
    expect(stdout).toContain("CONTRAT D'ENGAGEMENT RÉCIPROQUE");
    expect(stdout).toContain('Dominante emploi (Parcours professionnel)');
    expect(stdout).toContain('Immersion en entreprise (PMSMP) — avant le 1er avril 2026');
  });

  it('prints the draft as JSON with --json', async () => {
    const { stdout } = await cli(['ceo', interviewFile(), '--json']);
    expect(JSON.parse(stdout)).toMatchObject({
      dominante: { code: 'emploi' },
      parcours: { endDate: '2026-06-02' },
    });
  });

  it('refuses an interview without a decision', async () => {
    const { code, stderr } = await cli(['ceo', '-'], JSON.stringify(baseInterview()));
    expect(code).toBe(2);
    expect(stderr).toMatch(/decision: expected the orientation decision/);
  });
});

describe('the codiag command through npm', () => {
  it('runs as `npm run -s codiag -- orient FILE` and exits 2 on bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codiag-cli-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify([ALL_E]));
    const run = promisify(execFile);
    const { stdout } = await run('npm', ['run', '-s', 'codiag', '--', 'orient', good], {
      cwd: REPO,
    });
    expect(JSON.parse(stdout)[0].dominante).toBe('emploi');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{}]');
    const failure = await run('npm', ['run', '-s', 'codiag', '--', 'orient', bad], {
      cwd: REPO,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect((failure as { stderr: string }).stderr).toContain('item 0: availability');
  });
});
