/** Runs an administration command in-process on a test database, through runCli's error mapping. */
import { CliInputError, type CliIo } from '../../../server/cli/io';
import type { AdminCommandDeps } from '../../../server/cli/admin-options';
import type { Database } from '../../../server/db/database';
import type { TestEngine } from '../helpers/engines';
import { startHarness, type Harness } from '../helpers/harness';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** The commands close what they open: hand them the test database with a harmless close. */
export function testDeps(db: Database, now = new Date('2026-04-02T08:00:00Z')): AdminCommandDeps {
  return { openDatabase: async () => ({ ...db, close: async () => undefined }), now: () => now };
}

export async function runCommand(
  command: Command,
  args: readonly string[],
  expectInputError = false,
  readInput: (path: string) => Promise<string> = async () => '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readInput,
  };
  try {
    const code = await command(args, io);
    return { code, stdout, stderr };
  } catch (error) {
    // runCli maps a CliInputError to exit code 2 with the message on standard error.
    if (expectInputError && error instanceof CliInputError) {
      return { code: 2, stdout, stderr: stderr + error.message };
    }
    throw error;
  }
}

/** A fresh migrated database of the engine with the sync server on it; `close` removes both. */
export async function openHarness(
  engine: TestEngine,
): Promise<{ db: Database; h: Harness; close: () => Promise<void> }> {
  const { db, dispose } = await engine.open();
  const h = await startHarness(db);
  return {
    db,
    h,
    close: async () => {
      await h.app.close();
      await dispose();
    },
  };
}
