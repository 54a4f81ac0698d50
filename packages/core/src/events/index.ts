// Events: the catalogue (names and payload schemas), their types, the bus, and the plumbing around
// it (cross-process changes, the PostgreSQL relay, the persister, retention).
export * from './catalogue.ts';
export * from './types.ts';
export * from './bus.ts';
export * from './notify.ts';
export * from './change-feed.ts';
export * from './pg-relay.ts';
export * from './persister.ts';
export * from './retention.ts';
export * from './runtime.ts';
