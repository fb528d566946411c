/** Steering indicators (Annexe D) and the evaluation file (Annexe 8), as pure functions. */
export * from './compute-indicators';
export * from './evaluation-export';
export * from './indicator-rows';
export * from './pseudonymise';
export * from './records';
export * from './stats';
