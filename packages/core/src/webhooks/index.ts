// Webhooks: subscriptions (which URL gets which events), the address rules for their targets and
// the dispatcher that delivers them.
export * from './subscriptions.ts';
export * from './dispatcher.ts';
export * from './target.ts';
export * from './request.ts';
