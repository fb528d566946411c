/** The preliminary contract (CEO): the draft's data and its plain-text rendering. */
export * from './build-ceo-draft';
export * from './render-ceo-text';
