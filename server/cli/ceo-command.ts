/**
 * `codiag ceo FILE`: the contract draft of an interview file (an interview record whose decision is
 * filled in), as readable text or, with `--json`, as data.
 */
import { buildCeoDraft } from '../../shared/ceo/build-ceo-draft';
import { renderCeoText } from '../../shared/ceo/render-ceo-text';
import { InterviewSchema } from '../../shared/domain/interview';
import { loadReferential, NORD_2023 } from '../../shared/referential';
import { describeIssues, ValidationError } from '../../shared/util/errors';
import { defineCommand, STANDARD_EXIT_CODES } from './command-spec';
import { CliInputError, parseJsonInput } from './io';

export const ceoCommand = defineCommand(
  {
    name: 'ceo',
    summary: 'print the contract draft of an interview file',
    description: [
      'Drafts the preliminary engagement contract (CEO) of an interview whose orientation ' +
        'decision is filled in, with the référentiel’s actions and deadlines, and prints it as ' +
        'text, or as data with --json.',
    ],
    arguments: [
      {
        name: 'FILE',
        description: 'an interview record as JSON (or - for standard input), with its decision',
      },
    ],
    options: {
      json: { description: 'print the draft as JSON data instead of text' },
      referential: {
        value: 'REF.json',
        description: 'the référentiel to draft with',
        default: 'the shipped nord-2023',
      },
    },
    examples: [
      { command: 'codiag ceo interview.json', comment: 'the contract draft, as text' },
      { command: 'codiag ceo - --json < interview.json', comment: 'as JSON, from standard input' },
    ],
    exitCodes: STANDARD_EXIT_CODES,
  },
  async ({ positionals, options }, io) => {
    const file = positionals[0] as string;
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
  },
);
