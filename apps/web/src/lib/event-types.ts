// The event names the dashboard knows: every type on /api/v1/events, and those a webhook may be
// subscribed to. The API takes them from packages/core/src/events/catalogue.ts, which the web may
// not import; apps/api/src/routes/event-catalogue.test.ts fails when this list and the API's
// OpenAPI document disagree. Plain data, no imports: that test imports this file as it is.
export const EVENT_TYPES = [
  'session.opened',
  'session.closed',
  'login.succeeded',
  'login.failed',
  'transfer.started',
  'transfer.progress',
  'transfer.completed',
  'ban.created',
  'ban.lifted',
  'quota.warning',
  'account.created',
  'account.updated',
  'account.deleted',
  'settings.updated',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Too frequent (or too short-lived) to POST anywhere: offered on the live stream only. */
const STREAM_ONLY: readonly EventType[] = ['transfer.started', 'transfer.progress'];

export const WEBHOOK_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter((type) => !STREAM_ONLY.includes(type));
