/**
 * The référentiel's condition language (see shared/referential/schema.ts), compiled to closures.
 * An unknown operator, criterion or column throws when the référentiel is compiled: a malformed
 * rule is an error, never a silent "no match".
 *
 * The closures are the engine's hot path (docs/orientation.md, "The engine"): each comparator gets
 * its own closure (no switch per call), combinations loop over their parts (no callback allocated
 * per call), and `in` scans its few values with `===`.
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

/** `left cmp right` with `right` fixed, as a closure of its own for each comparator. */
function comparison(cmp: Comparator, right: number): (left: number) => boolean {
  switch (cmp) {
    case '<':
      return (left) => left < right;
    case '<=':
      return (left) => left <= right;
    case '=':
      return (left) => left === right;
    case '!=':
      return (left) => left !== right;
    case '>=':
      return (left) => left >= right;
    case '>':
      return (left) => left > right;
    default:
      return assertNever(cmp);
  }
}

/** Whether `value` is one of `values` (a rule lists a handful: a scan beats hashing). */
function isOneOf(values: readonly (string | number)[], value: string | number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === value) return true;
  return false;
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
      const values: readonly (string | number)[] = [...new Set(condition.values)];
      if (values.length === 1) {
        const only = values[0];
        return (answers) => answers[at] === only;
      }
      return (answers) => isOneOf(values, answers[at] as string | number);
    }
    case 'compare': {
      const at = criterion(condition.criterion);
      const holds = comparison(condition.cmp, condition.value);
      return (answers) => {
        const answer = answers[at];
        if (typeof answer !== 'number') {
          throw new TypeError(`rule compares ${condition.criterion}, which is not a number`);
        }
        return holds(answer);
      };
    }
    case 'count': {
      const index = columnIndex(condition.column);
      const holds = comparison(condition.cmp, condition.value);
      return (_c, counts) => holds(counts[index] ?? 0);
    }
    case 'all': {
      const parts = condition.of.map(sub);
      return (c, counts) => {
        for (let i = 0; i < parts.length; i++)
          if (!(parts[i] as CompiledCondition)(c, counts)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = condition.of.map(sub);
      return (c, counts) => {
        for (let i = 0; i < parts.length; i++)
          if ((parts[i] as CompiledCondition)(c, counts)) return true;
        return false;
      };
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
