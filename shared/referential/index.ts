/** The référentiels codiag ships, and the loader for those a département writes. */
import nord2023Data from './data/nord-2023.json';
import { loadReferential } from './load-referential';

export * from './load-referential';
export * from './schema';
export * from './lookups';

/** The Nord 2023 référentiel (Tourcoing experimentation), the default shipped. */
export const NORD_2023 = loadReferential(nord2023Data);
export * from './suggest-severity';
