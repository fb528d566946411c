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
