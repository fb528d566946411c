/**
 * `codiag orient FILE`: orients criteria profiles with a référentiel, and with `--compare` replays
 * them against a draft référentiel to show which cases would change dominante.
 */
import { CriteriaSchema } from '../../shared/domain/criteria';
import { evaluateOrientation } from '../../shared/orientation/evaluate-orientation';
import { loadReferential, NORD_2023, type Referential } from '../../shared/referential';
import { describeIssues, ValidationError } from '../../shared/util/errors';
import { CliInputError, type CliIo, parseJsonInput, parseOptions } from './io';

export const ORIENT_USAGE = `usage: codiag orient FILE [--referential REF.json] [--compare REF2.json]
  FILE   a JSON file (or - for standard input) holding one criteria object or an array of them`;

export async function orientCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseOptions(args, { referential: 'value', compare: 'value' });
  if (positional.length !== 1) throw new CliInputError(ORIENT_USAGE);
  const file = positional[0] as string;
  const base =
    typeof options.referential === 'string'
      ? await readReferential(options.referential, io)
      : NORD_2023;
  const draft =
    typeof options.compare === 'string' ? await readReferential(options.compare, io) : null;

  const input = parseJsonInput(await io.readInput(file), file === '-' ? 'standard input' : file);
  const single = !Array.isArray(input);
  const items: unknown[] = single ? [input] : (input as unknown[]);
  const errors: string[] = [];
  const profiles = items.map((item, index) => {
    const parsed = CriteriaSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error, item)) {
        errors.push(`item ${index}: ${issue.path}: ${issue.message}`);
      }
      return null;
    }
    return parsed.data;
  });
  if (errors.length > 0) {
    throw new CliInputError(
      `invalid criteria (${errors.length} problem(s)):\n${errors.join('\n')}`,
    );
  }
  const valid = profiles.filter((p): p is NonNullable<typeof p> => p !== null);

  if (draft) {
    const changes = valid.flatMap((criteria, index) => {
      const before = evaluateOrientation(criteria, base);
      const after = evaluateOrientation(criteria, draft);
      return before.dominante === after.dominante
        ? []
        : [
            {
              index,
              from: before.dominante,
              to: after.dominante,
              ruleBefore: before.rule.id,
              ruleAfter: after.rule.id,
            },
          ];
    });
    io.stdout(
      `${JSON.stringify(
        {
          referential: { id: base.id, version: base.version, contentHash: base.contentHash },
          compareWith: { id: draft.id, version: draft.version, contentHash: draft.contentHash },
          total: valid.length,
          changed: changes.length,
          changes,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const results = valid.map((criteria) => evaluateOrientation(criteria, base));
  io.stdout(`${JSON.stringify(single ? results[0] : results, null, 2)}\n`);
  return 0;
}

async function readReferential(path: string, io: CliIo): Promise<Referential> {
  const data = parseJsonInput(await io.readInput(path), path);
  try {
    return loadReferential(data);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new CliInputError(
        `${path}: invalid référentiel:\n${error.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`,
      );
    }
    throw error;
  }
}
