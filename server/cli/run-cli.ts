/**
 * The `codiag` command line: one entry point, one function per command. Exit codes: 0 done,
 * 1 failure, 2 bad usage or bad input (nothing on standard output then), 3 `import-services`
 * rejected some rows but imported the valid ones.
 */
import { ceoCommand } from './ceo-command';
import { exportEvaluationCommand } from './export-evaluation-command';
import { importRdspCommand } from './import-rdsp-command';
import { importServicesCommand } from './import-services-command';
import { indicatorsCommand } from './indicators-command';
import { CliInputError, type CliIo } from './io';
import { orientCommand } from './orient-command';
import {
  devicesCommand,
  enrollCommand,
  rejectedCommand,
  revokeDeviceCommand,
  seedDemoCommand,
} from './server-commands';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  orient: { run: orientCommand, summary: 'orient criteria profiles (JSON) with a référentiel' },
  ceo: { run: ceoCommand, summary: 'print the contract draft of an interview file' },
  enroll: {
    run: enrollCommand(),
    summary: 'create or update a professional and print a one-time enrolment code',
  },
  devices: {
    run: devicesCommand(),
    summary: 'list the enrolled laptops (name, professional, last sync, revoked or not)',
  },
  'revoke-device': {
    run: revokeDeviceCommand(),
    summary: 'revoke a lost or stolen laptop: its token is refused from now on',
  },
  rejected: {
    run: rejectedCommand(),
    summary: 'list the mutations the server refused and keeps in quarantine (field paths only)',
  },
  'seed-demo': {
    run: seedDemoCommand(),
    summary: 'add fake beneficiaries with convocations to a territory (demo agenda)',
  },
  indicators: {
    run: indicatorsCommand(),
    summary: 'steering indicators of a period, per territory (CSV or JSON)',
  },
  'export-evaluation': {
    run: exportEvaluationCommand(),
    summary: 'write the evaluation file (Annexe 8) of a period to a file (admin)',
  },
  'import-services': {
    run: importServicesCommand(),
    summary: 'import a data.inclusion services catalogue (JSON or CSV) for the laptops',
  },
  'import-rdsp': {
    run: importRdspCommand(),
    summary:
      'import the RDSP declarations (JSON Lines) that pre-fill the interviews, all or nothing',
  },
};

/** Later commands (server administration) register here. */
export function registerCommand(name: string, run: Command, summary: string): void {
  COMMANDS[name] = { run, summary };
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return `usage: codiag COMMAND [ARGS]\n\ncommands:\n${Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n')}\n`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? io.stdout : io.stderr)(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`codiag: unknown command ${name}\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliInputError) {
      io.stderr(`codiag ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`codiag ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
