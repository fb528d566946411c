/** The sync protocol: wire messages, admin messages and the pure rules both sides apply. */
export * from './admin-messages';
export * from './batch-rules';
export * from './decide-mutation';
export * from './indicator-messages';
export * from './messages';
