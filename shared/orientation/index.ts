/** The orientation engine: criteria + référentiel → dominante with its reasons. */
export * from './conditions';
export * from './evaluate-orientation';
