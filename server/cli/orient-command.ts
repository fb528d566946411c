/**
 * `codiag orient FILE`: orients criteria profiles with a référentiel, and with `--compare` replays
 * them against a draft référentiel to show which cases would change dominante.
 */
import { CriteriaSchema } from '../../shared/domain/criteria';
import { evaluateOrientation } from '../../shared/orientation/evaluate-orientation';
import { loadReferential, NORD_2023, type Referential } from '../../shared/referential';
import { describeIssues, ValidationError } from '../../shared/util/errors';
import { defineCommand, EXIT_BAD_INPUT, EXIT_DONE, EXIT_FAILURE } from './command-spec';
import { CliInputError, type CliIo, parseJsonInput } from './io';

export const orientCommand = defineCommand(
  {
    name: 'orient',
    summary: 'orient criteria profiles (JSON) with a référentiel',
    description: [
      'Prints one orientation result per criteria profile: the dominante, the deciding rule step ' +
        'and every criterion’s reason (docs/orientation.md). With --compare, replays the profiles ' +
        'against a draft référentiel and prints which ones would change dominante.',
    ],
    arguments: [
      {
        name: 'FILE',
        description:
          'a JSON file (or - for standard input) holding one criteria object or an array of them',
      },
    ],
    options: {
      referential: {
        value: 'REF.json',
        description: 'the référentiel to orient with',
        default: 'the shipped nord-2023',
      },
      compare: {
        value: 'REF2.json',
        description: 'a draft référentiel: print the profiles whose dominante it would change',
      },
    },
    examples: [
      { command: 'codiag orient profiles.json', comment: 'orient the profiles of a file' },
      {
        command: 'codiag orient profiles.json --compare draft-referential.json',
        comment: 'which profiles a draft référentiel would orient differently',
      },
    ],
    exitCodes: [EXIT_DONE, EXIT_FAILURE, EXIT_BAD_INPUT],
  },
  async ({ positionals, options }, io) => {
    const file = positionals[0] as string;
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
  },
);

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
