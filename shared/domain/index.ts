/** The domain model: zod schemas and their types. */
export * from './check-decision';
export * from './completeness';
export * from './criteria';
export * from './decision';
export * from './derive-criteria';
export * from './draft-decision';
export * from './interview';
export * from './people';
export * from './satisfaction';
