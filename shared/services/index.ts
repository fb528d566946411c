/** Local insertion services (data.inclusion): schema, catalogue import, suggestions, weekly plan. */
export * from './communes';
export * from './parse-service-catalogue';
export * from './service-contact';
export * from './service-schema';
export * from './suggest-services';
export * from './weekly-plan';
export * from './zones';
