// Webhooks: subscriptions (which URL gets which events) and the dispatcher that delivers them.
export * from './subscriptions.ts';
export * from './dispatcher.ts';
