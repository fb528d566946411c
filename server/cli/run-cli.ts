/**
 * The `codiag` command line: one entry point, one module per command. Exit codes: 0 done,
 * 1 failure, 2 bad usage or bad input (nothing on standard output then), 3 `import-services`
 * rejected some rows but imported the valid ones. `codiag help`, `codiag CMD --help` (or `-h`) and
 * `codiag help CMD` print on standard output, exit 0 (issue 13).
 *
 * Adding a command (docs/administration.md, "Adding a command"): write `server/cli/NAME-command.ts`
 * whose factory returns `defineCommand(SPEC, run)` (command-spec.ts): the spec names the command,
 * its one-line summary, description, arguments, options (each with its value name, description
 * and default), the environment it reads, at least one example and its exit codes. Then add the
 * factory's result to COMMANDS below. Parsing (`util.parseArgs`, strict), `--help` and this
 * listing all come from the spec; test/server/cli/help.test.ts checks every registered command.
 */
import { ceoCommand } from './ceo-command';
import {
  type CliCommand,
  type CommandSpec,
  CliUsageError,
  HELP_WIDTH,
  renderCommandHelp,
  wrapText,
} from './command-spec';
import { exportEvaluationCommand } from './export-evaluation-command';
import { exportInterviewsCommand } from './export-interviews-command';
import { rebuildFactsCommand } from './rebuild-facts-command';
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

const COMMANDS = new Map<string, CliCommand>(
  [
    orientCommand,
    ceoCommand,
    enrollCommand(),
    devicesCommand(),
    revokeDeviceCommand(),
    rejectedCommand(),
    seedDemoCommand(),
    indicatorsCommand(),
    exportEvaluationCommand(),
    exportInterviewsCommand(),
    importServicesCommand(),
    importRdspCommand(),
    rebuildFactsCommand(),
  ].map((command) => [command.spec.name, command]),
);

/** Another module's command (tests, or a later branch): by its spec's name. */
export function registerCommand(command: CliCommand): void {
  if (command.spec.name === 'help') throw new Error('help is a reserved command name');
  COMMANDS.set(command.spec.name, command);
}

/** The declarations of every registered command, in the listing's order. */
export function commandSpecs(): CommandSpec[] {
  return [...COMMANDS.values()].map((command) => command.spec);
}

/** `codiag help`: the usage and every command with its summary. */
export function usage(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((name) => name.length));
  const column = 2 + width + 2;
  const lines = commandSpecs().flatMap((spec) => {
    const [first = '', ...rest] = wrapText(spec.summary, HELP_WIDTH, column);
    return [`  ${spec.name.padEnd(width)}  ${first.slice(column)}`, ...rest];
  });
  return (
    'usage: codiag COMMAND [ARGS]\n' +
    '       codiag help [COMMAND]\n\n' +
    `commands:\n${lines.join('\n')}\n\n` +
    'Run codiag COMMAND --help (or codiag help COMMAND) for its options, examples and exit codes.\n'
  );
}

function isHelpFlag(arg: string | undefined): boolean {
  return arg === '--help' || arg === '-h';
}

function help(topic: readonly string[], io: CliIo): number {
  const [name, extra] = topic;
  if (name === undefined || name === 'help') {
    io.stdout(usage());
    return 0;
  }
  const command = COMMANDS.get(name);
  if (command === undefined || extra !== undefined) {
    io.stderr(
      command === undefined
        ? `codiag help: unknown command ${name}\n${usage()}`
        : `codiag help: unexpected argument ${extra}; expected one command name\n`,
    );
    return 2;
  }
  io.stdout(renderCommandHelp(command.spec));
  return 0;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '') {
    io.stderr(usage());
    return 2;
  }
  if (isHelpFlag(name)) return help([], io);
  if (name === 'help')
    return help(
      args.filter((arg) => !isHelpFlag(arg)),
      io,
    );
  const command = COMMANDS.get(name);
  if (!command) {
    io.stderr(`codiag: unknown command ${name}\n${usage()}`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`codiag ${name}: ${error.message}\nrun codiag ${name} --help for its usage\n`);
      return 2;
    }
    if (error instanceof CliInputError) {
      io.stderr(`codiag ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`codiag ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
