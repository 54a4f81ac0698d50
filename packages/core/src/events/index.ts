// Cross-process changes and the event plumbing around the bus.
export * from './notify.ts';
export * from './change-feed.ts';
export * from './pg-relay.ts';
export * from './persister.ts';
export * from './retention.ts';
export * from './runtime.ts';
export * from './catalogue.ts';
