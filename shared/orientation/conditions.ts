/**
 * The référentiel's condition language (see shared/referential/schema.ts), compiled to closures.
 * An unknown operator, criterion or column throws when the référentiel is compiled: a malformed
 * rule is an error, never a silent "no match".
 */
import { type CriterionRef, isCriterionRef } from '../domain/criteria';
import type { Comparator, Condition } from '../referential/schema';
import { assertNever } from '../util/assert';

/**
 * A compiled condition over the answers (in the engine's criterion order) and the number of
 * answers per column (in the référentiel's column order).
 */
export type CompiledCondition = (
  answers: readonly (string | number)[],
  columnCounts: readonly number[],
) => boolean;

export function compare(left: number, cmp: Comparator, right: number): boolean {
  switch (cmp) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '>=':
      return left >= right;
    case '>':
      return left > right;
    default:
      return assertNever(cmp);
  }
}

export function compileCondition(
  condition: Condition,
  answerIndex: (ref: CriterionRef) => number,
  columnIndex: (column: string) => number,
): CompiledCondition {
  const criterion = (name: string): number => {
    const index = isCriterionRef(name) ? answerIndex(name) : -1;
    if (index < 0) throw new Error(`rule names unknown criterion ${name}`);
    return index;
  };
  const sub = (c: Condition) => compileCondition(c, answerIndex, columnIndex);
  switch (condition.op) {
    case 'always':
      return () => true;
    case 'in': {
      const at = criterion(condition.criterion);
      const values = new Set<string | number>(condition.values);
      return (answers) => values.has(answers[at] as string | number);
    }
    case 'compare': {
      const at = criterion(condition.criterion);
      const { cmp, value } = condition;
      return (answers) => {
        const answer = answers[at];
        if (typeof answer !== 'number') {
          throw new TypeError(`rule compares ${condition.criterion}, which is not a number`);
        }
        return compare(answer, cmp, value);
      };
    }
    case 'count': {
      const index = columnIndex(condition.column);
      const { cmp, value } = condition;
      return (_c, counts) => compare(counts[index] ?? 0, cmp, value);
    }
    case 'all': {
      const parts = condition.of.map(sub);
      return (c, counts) => parts.every((p) => p(c, counts));
    }
    case 'any': {
      const parts = condition.of.map(sub);
      return (c, counts) => parts.some((p) => p(c, counts));
    }
    case 'not': {
      const inner = sub(condition.condition);
      return (c, counts) => !inner(c, counts);
    }
    default:
      throw new Error(
        `unknown rule operator ${JSON.stringify((condition as { op?: unknown }).op)}`,
      );
  }
}
