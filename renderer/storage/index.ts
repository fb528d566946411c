/** The local storage layer: database, codec, repositories. */
export * from './codec';
export * from './database';
export * from './declarations';
export * from './demo-seed';
export * from './demo-services';
export * from './demo-history';
export * from './errors';
export * from './interview-repository';
export * from './people-repository';
export * from './persistence';
export * from './records';
export * from './service-repository';
export * from './sync-store';
export * from './encrypting-codec';
export * from './reencrypt';
export * from './person-export';
