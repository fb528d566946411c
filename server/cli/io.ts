/** The command line's input and output, injected so that commands are tested in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a file, or standard input for `-`. */
  readInput: (path: string) => Promise<string>;
}

/** A usage or input error: exit code 2, the message on standard error, nothing on standard output. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

export function parseJsonInput(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliInputError(`${source}: not valid JSON (${(error as Error).message})`);
  }
}

/** Splits `--name value` options from positional arguments; unknown options are errors. */
export function parseOptions(
  args: readonly string[],
  known: Record<string, 'value' | 'flag'>,
): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const kind = known[name];
      if (!kind) throw new CliInputError(`unknown option --${name}`);
      if (kind === 'flag') options[name] = true;
      else {
        const value = inline ?? args[++i];
        if (value === undefined) throw new CliInputError(`option --${name} needs a value`);
        options[name] = value;
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, options };
}
