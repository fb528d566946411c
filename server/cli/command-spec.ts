/**
 * One declaration per command line program (issue 13, "every codiag command answers --help"):
 * its name, summary, arguments, options, environment, examples and exit codes. The argument
 * parser (node's `util.parseArgs`, strict), the `--help` text and `codiag help`'s listing are all
 * derived from it, so an option exists in exactly one place. Parse errors become `CliInputError`s
 * that name the option (exit code 2), never a Node stack.
 */
import { parseArgs } from 'node:util';
import { CliInputError, type CliIo } from './io';

/** An option: with `value`, it takes one (`--from YYYY-MM-DD` or `--from=…`); without, a flag. */
export interface OptionSpec {
  /** The value's name in the help, such as `YYYY-MM-DD` or `csv|json`; absent for a flag. */
  readonly value?: string;
  readonly description: string;
  /** What applies when the option is not given, as the help says it. */
  readonly default?: string;
  /** Shown without brackets in the synopsis and marked "required"; the command checks it. */
  readonly required?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** A positional argument, in order. */
export interface ArgumentSpec {
  /** Its name in the help, such as `FILE`. */
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
  /** Takes any number of values (last argument only). */
  readonly variadic?: boolean;
}

export interface NamedText {
  readonly name: string;
  readonly description: string;
}

export interface ExampleSpec {
  /** The whole command line as typed, such as `codiag orient profiles.json`. */
  readonly command: string;
  readonly comment: string;
}

export interface ExitCodeSpec {
  readonly code: number;
  readonly meaning: string;
}

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** The command's name, such as `indicators` (kebab-case). */
  readonly name: string;
  /** One line for the listing of `codiag help`. */
  readonly summary: string;
  /** Paragraphs of plain text, wrapped to the help's width. */
  readonly description: readonly string[];
  readonly arguments: readonly ArgumentSpec[];
  readonly options: O;
  /** The environment variables the command reads. */
  readonly environment?: readonly NamedText[];
  /** At least one. */
  readonly examples: readonly [ExampleSpec, ...ExampleSpec[]];
  readonly exitCodes: readonly ExitCodeSpec[];
}

/** The values of the options given: a string for a value option, `true` for a flag. */
export type OptionValues<O extends OptionSpecs> = {
  readonly [K in keyof O]?: O[K] extends { readonly value: string } ? string : true;
};

export interface ParsedCommand<O extends OptionSpecs> {
  readonly positionals: readonly string[];
  readonly options: OptionValues<O>;
}

/** A runnable command that carries its declaration (`codiag help` lists `spec`). */
export interface CliCommand {
  readonly spec: CommandSpec;
  (args: readonly string[], io: CliIo): Promise<number>;
}

/** The usage errors the parser finds: runCli adds where to find the command's help. */
export class CliUsageError extends CliInputError {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export const HELP_WIDTH = 100;

export const EXIT_DONE: ExitCodeSpec = { code: 0, meaning: 'done' };
export const EXIT_FAILURE: ExitCodeSpec = {
  code: 1,
  meaning: 'failure (the database or a file could not be used); the message says why',
};
export const EXIT_BAD_INPUT: ExitCodeSpec = {
  code: 2,
  meaning:
    'bad usage or unusable input: the message names the option, argument or field and what was ' +
    'expected; nothing on standard output',
};
/** 0, 1 and 2: what every command answers. */
export const STANDARD_EXIT_CODES: readonly ExitCodeSpec[] = [
  EXIT_DONE,
  EXIT_FAILURE,
  EXIT_BAD_INPUT,
];

/** The variables of the commands that open the server's database (server/db/open-database.ts). */
export const DATABASE_ENVIRONMENT: readonly NamedText[] = [
  {
    name: 'DATABASE_URL',
    description:
      'postgres://USER:PASSWORD@HOST:PORT/DATABASE of the server’s PostgreSQL; when unset, PGlite ' +
      'in CODIAG_DATA_DIR',
  },
  {
    name: 'CODIAG_DATA_DIR',
    description:
      'the PGlite data folder when DATABASE_URL is unset (default ./data/server); one user at a ' +
      'time: stop the server first',
  },
];

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** Infers a declaration's option names and kinds (the identity). */
export function commandSpec<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  if ('help' in spec.options) {
    throw new Error(`${spec.name}: the option --help is every command's own, do not declare it`);
  }
  const variadic = spec.arguments.findIndex((a) => a.variadic === true);
  if (variadic !== -1 && variadic !== spec.arguments.length - 1) {
    throw new Error(`${spec.name}: only the last argument may be variadic`);
  }
  return spec;
}

/**
 * The command of a declaration: `--help` or `-h` anywhere prints its help on standard output
 * (exit 0, nothing run); otherwise the arguments are parsed strictly and handed to `run`.
 */
export function defineCommand<const O extends OptionSpecs>(
  spec: CommandSpec<O>,
  run: (input: ParsedCommand<O>, io: CliIo) => Promise<number>,
): CliCommand {
  const declared = commandSpec(spec);
  const command = async (args: readonly string[], io: CliIo): Promise<number> => {
    const parsed = parseCommandLine(declared, args);
    if (parsed === 'help') {
      io.stdout(renderCommandHelp(declared));
      return 0;
    }
    return run(parsed, io);
  };
  return Object.assign(command, { spec: declared });
}

type ParseArgsConfig = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parseArgsConfig(options: OptionSpecs): ParseArgsConfig {
  const config: ParseArgsConfig = { ...HELP_OPTION };
  for (const [name, option] of Object.entries(options)) {
    config[name] = { type: option.value === undefined ? 'boolean' : 'string' };
  }
  return config;
}

/** A value that parseArgs refuses after a value option without `=`: it looks like an option. */
function isOptionLike(value: string): boolean {
  return value.length > 1 && value.startsWith('-');
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** The first thing strict parsing refuses, named as the user typed it. */
function describeRefusal(spec: CommandSpec, tokens: readonly Token[]): string | undefined {
  for (const token of tokens) {
    if (token.kind === 'positional' && spec.arguments.length === 0) {
      return `unexpected argument ${token.value}`;
    }
    if (token.kind !== 'option' || token.name === 'help') continue;
    const option = spec.options[token.name];
    if (option === undefined) return `unknown option ${token.rawName}`;
    if (option.value !== undefined) {
      if (token.value === undefined)
        return `option --${token.name} needs a value (${option.value})`;
      if (!token.inlineValue && isOptionLike(token.value)) {
        return (
          `option --${token.name} needs a value (${option.value}), got the option ${token.value}; ` +
          `write --${token.name}=${token.value} if that is the value`
        );
      }
    } else if (token.value !== undefined) {
      return `option --${token.name} takes no value, got ${JSON.stringify(token.value)}`;
    }
  }
  return undefined;
}

function parseErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') {
    return undefined;
  }
  return error.code.startsWith('ERR_PARSE_ARGS_') ? error.code : undefined;
}

function checkArguments(spec: CommandSpec, positionals: readonly string[]): void {
  const required = spec.arguments.filter((a) => a.optional !== true);
  const missing = required[positionals.length];
  if (missing !== undefined) {
    throw new CliUsageError(`missing ${missing.name}: expected ${missing.description}`);
  }
  const variadic = spec.arguments.at(-1)?.variadic === true;
  if (!variadic && positionals.length > spec.arguments.length) {
    throw new CliUsageError(`unexpected argument ${positionals[spec.arguments.length]}`);
  }
}

/**
 * Parses a command's arguments with its declaration: `'help'` when `--help` or `-h` is among
 * them (it wins over anything else given), else the options and positionals. Throws a
 * `CliUsageError` naming the unknown option, the option without its value, the flag given a value
 * or the unexpected or missing argument.
 */
export function parseCommandLine<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  args: readonly string[],
): ParsedCommand<O> | 'help' {
  const options = parseArgsConfig(spec.options);
  // Lenient first, to see --help whatever else is given, and to name what strict parsing refuses.
  const { tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return 'help';
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: spec.arguments.length > 0,
    });
  } catch (error) {
    const code = parseErrorCode(error);
    if (code === undefined) throw error;
    // A refusal that tokens do not explain keeps parseArgs' own sentence (never its stack).
    throw new CliUsageError(describeRefusal(spec, tokens) ?? (error as Error).message);
  }
  checkArguments(spec, parsed.positionals);
  const values: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (name === 'help' || value === undefined || value === false) continue;
    if (typeof value === 'string' || value === true) values[name] = value;
  }
  // parseArgs' values are keyed by the declaration's names with the declared kinds.
  return { positionals: parsed.positionals, options: values as OptionValues<O> };
}

/** Words of `text` in lines of at most `width` columns, each after `indent` spaces. */
export function wrapText(text: string, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(' '.repeat(indent) + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(' '.repeat(indent) + line);
  return lines;
}

/** Two columns: the names padded to the longest (at most 28), the descriptions wrapped after. */
function columns(rows: readonly (readonly [string, string])[], indent = 2): string[] {
  const nameWidth = Math.min(28, Math.max(...rows.map(([name]) => name.length)));
  const column = indent + nameWidth + 2;
  return rows.flatMap(([name, description]) => {
    const wrapped = wrapText(description, HELP_WIDTH, column);
    const head = ' '.repeat(indent) + name;
    if (name.length > nameWidth) return [head, ...wrapped];
    const [first = '', ...rest] = wrapped;
    return [head.padEnd(column) + first.slice(column), ...rest];
  });
}

/** Splits a shell command into words, keeping quoted strings whole. */
function shellWords(command: string): string[] {
  return command.match(/(?:"[^"]*"|'[^']*'|\S)+/g) ?? [];
}

/** A command that does not fit is continued on the next lines with ` \`. */
function wrapCommand(command: string, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of shellWords(command)) {
    const lead = lines.length === 0 ? indent : indent + 4;
    if (line !== '' && lead + line.length + 1 + word.length + 2 > HELP_WIDTH) {
      lines.push(`${' '.repeat(lead)}${line} \\`);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(' '.repeat(lines.length === 0 ? indent : indent + 4) + line);
  return lines;
}

function optionUsage(name: string, option: OptionSpec): string {
  return option.value === undefined ? `--${name}` : `--${name} ${option.value}`;
}

/** `codiag indicators --from YYYY-MM-DD … [--bom]`, wrapped under the command's name. */
export function synopsis(spec: CommandSpec, invocation = `codiag ${spec.name}`): string[] {
  const parts = [
    ...spec.arguments.map((a) => {
      const name = a.variadic === true ? `${a.name}…` : a.name;
      return a.optional === true ? `[${name}]` : name;
    }),
    ...Object.entries(spec.options).map(([name, option]) =>
      option.required === true ? optionUsage(name, option) : `[${optionUsage(name, option)}]`,
    ),
  ];
  const head = `usage: ${invocation}`;
  const lines: string[] = [];
  let line = head;
  for (const part of parts) {
    if (line.trim() !== '' && line.length + 1 + part.length > HELP_WIDTH && line !== head) {
      lines.push(line);
      line = ' '.repeat(head.length);
    }
    line = `${line} ${part}`;
  }
  lines.push(line);
  return lines;
}

/** The text of `CMD --help`: usage, description, arguments, options, environment, examples, exit codes. */
export function renderCommandHelp(spec: CommandSpec, invocation = `codiag ${spec.name}`): string {
  const sections: string[][] = [
    synopsis(spec, invocation),
    [...wrapText(`${spec.summary[0]?.toUpperCase() ?? ''}${spec.summary.slice(1)}.`, HELP_WIDTH)],
    ...spec.description.map((paragraph) => wrapText(paragraph, HELP_WIDTH)),
  ];
  if (spec.arguments.length > 0) {
    sections.push([
      'arguments:',
      ...columns(spec.arguments.map((a) => [a.name, a.description] as const)),
    ]);
  }
  sections.push([
    'options:',
    ...columns([
      ...Object.entries(spec.options).map(([name, option]) => {
        const note =
          option.required === true
            ? ' (required)'
            : option.default === undefined
              ? ''
              : ` (default: ${option.default})`;
        return [optionUsage(name, option), `${option.description}${note}`] as const;
      }),
      ['-h, --help', 'print this help and exit'] as const,
    ]),
  ]);
  if (spec.environment !== undefined && spec.environment.length > 0) {
    sections.push([
      'environment:',
      ...columns(spec.environment.map((e) => [e.name, e.description] as const)),
    ]);
  }
  sections.push([
    'examples:',
    ...spec.examples.flatMap((e) => [
      ...wrapText(`# ${e.comment}`, HELP_WIDTH, 2),
      ...wrapCommand(e.command, 2),
    ]),
  ]);
  sections.push([
    'exit codes:',
    ...columns(spec.exitCodes.map((e) => [String(e.code), e.meaning] as const)),
  ]);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

/**
 * For an npm script outside `codiag` (the server, the bench runner), such as `npm run bench --`:
 * its help on standard output (exit 0), or its arguments, or a usage error on standard error
 * (exit 2).
 */
export function parseProgramArguments<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  invocation: string,
  args: readonly string[],
  io: Pick<CliIo, 'stdout' | 'stderr'>,
): { exitCode: number } | { input: ParsedCommand<O> } {
  try {
    const parsed = parseCommandLine(spec, args);
    if (parsed !== 'help') return { input: parsed };
    io.stdout(renderCommandHelp(spec, invocation));
    return { exitCode: 0 };
  } catch (error) {
    if (!(error instanceof CliInputError)) throw error;
    const script = invocation.replace(/ --$/, '');
    io.stderr(`${script}: ${error.message}\nrun ${script} -- --help for its usage\n`);
    return { exitCode: 2 };
  }
}
