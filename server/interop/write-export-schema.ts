/**
 * Writes the committed copy of the interview export's JSON Schema (docs/interop.md), generated
 * from the zod schema in shared/interop: `npm run interop:schema`. A test fails when the copy is
 * out of date.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import {
  INTERVIEW_EXPORT_VERSION,
  interviewExportJsonSchema,
} from '../../shared/interop/interview-export';

export const EXPORT_SCHEMA_PATH = fileURLToPath(
  new URL(
    `../../docs/interop/interview-export-${INTERVIEW_EXPORT_VERSION}.schema.json`,
    import.meta.url,
  ),
);

async function main(): Promise<void> {
  const options = (await resolveConfig(EXPORT_SCHEMA_PATH)) ?? {};
  const text = await format(JSON.stringify(interviewExportJsonSchema(), null, 2), {
    ...options,
    parser: 'json',
  });
  await writeFile(EXPORT_SCHEMA_PATH, text, 'utf8');
  process.stdout.write(`wrote ${EXPORT_SCHEMA_PATH}\n`);
}

await main();
