/**
 * `codiag ceo FILE`: the contract draft of an interview file (an interview record whose decision is
 * filled in), as readable text or, with `--json`, as data.
 */
import { buildCeoDraft } from '../../shared/ceo/build-ceo-draft';
import { renderCeoText } from '../../shared/ceo/render-ceo-text';
import { InterviewSchema } from '../../shared/domain/interview';
import { loadReferential, NORD_2023 } from '../../shared/referential';
import { describeIssues, ValidationError } from '../../shared/util/errors';
import { CliInputError, type CliIo, parseJsonInput, parseOptions } from './io';

export const CEO_USAGE = `usage: codiag ceo FILE [--json] [--referential REF.json]
  FILE   an interview record as JSON (or - for standard input), with its decision`;

export async function ceoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseOptions(args, { json: 'flag', referential: 'value' });
  if (positional.length !== 1) throw new CliInputError(CEO_USAGE);
  const file = positional[0] as string;
  const referential =
    typeof options.referential === 'string'
      ? loadReferential(
          parseJsonInput(await io.readInput(options.referential), options.referential),
        )
      : NORD_2023;
  const raw = parseJsonInput(await io.readInput(file), file === '-' ? 'standard input' : file);
  const parsed = InterviewSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CliInputError(
      `invalid interview:\n${describeIssues(parsed.error, raw)
        .map((i) => `${i.path}: ${i.message}`)
        .join('\n')}`,
    );
  }
  const interview = parsed.data;
  if (!interview.decision) {
    throw new CliInputError('decision: expected the orientation decision (missing)');
  }
  let counter = 0;
  try {
    const draft = buildCeoDraft(interview, interview.decision, referential, {
      now: interview.updatedAt,
      newId: () => `${interview.id}-ceo-${++counter}`,
    });
    io.stdout(options.json ? `${JSON.stringify(draft, null, 2)}\n` : renderCeoText(draft));
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new CliInputError(
        `cannot draft the contract:\n${error.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`,
      );
    }
    throw error;
  }
  return 0;
}
