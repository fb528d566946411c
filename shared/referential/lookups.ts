/** Lookups in a référentiel that fail loudly: a code missing from the data is a bug, not a default. */
import type { CriterionRef } from '../domain/criteria';
import type { Referential } from './load-referential';
import type { Dominante, Parcours, Structure } from './schema';

export function findDominante(ref: Referential, code: string): Dominante {
  const found = ref.dominantes.find((d) => d.code === code);
  if (!found) throw new Error(`dominante ${code} is not in référentiel ${ref.id} ${ref.version}`);
  return found;
}

export function findParcours(ref: Referential, dominante: string): Parcours {
  const found = ref.parcours.find((p) => p.dominante === dominante);
  if (!found)
    throw new Error(`no parcours for ${dominante} in référentiel ${ref.id} ${ref.version}`);
  return found;
}

export function findStructure(ref: Referential, id: string): Structure {
  const found = ref.structures.find((s) => s.id === id);
  if (!found) throw new Error(`structure ${id} is not in référentiel ${ref.id} ${ref.version}`);
  return found;
}

export const structuresFor = (ref: Referential, dominante: string): Structure[] =>
  ref.structures.filter((s) => s.dominante === dominante);

/** A criterion whose answers are listed values (not numeric bands). */
export type ValueCriterionRef = Exclude<CriterionRef, 'rsaSeniorityMonths' | 'age'>;

/** The answer → column mapping of a listed-values criterion; the barrier domains share one. */
export function valueMappingOf(ref: Referential, criterion: ValueCriterionRef) {
  return criterion.startsWith('barriers.')
    ? ref.criteria.barriers
    : ref.criteria[criterion as Exclude<ValueCriterionRef, `barriers.${string}`>];
}
