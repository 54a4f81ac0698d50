// The event names the dashboard knows: every type on /api/v1/events, and those a webhook may be
// subscribed to. Both unions come from the API's OpenAPI document (api-types.gen.ts, generated from
// packages/core's catalogue through the route schemas); the lists below are checked against them at
// compile time, so a name the API does not know, or one it knows and the list misses, fails the
// typecheck. apps/api/src/routes/event-catalogue.test.ts also compares them at run time.
// Type-only imports: that test imports this file as it is.
import type { paths } from './api-types.gen.ts';
import type { ListsAll } from './types.ts';

/** Every event type the live stream sends. */
export type EventType = paths['/api/v1/events']['get']['responses'][200]['content']['text/event-stream']['type'];
/** Every event type a webhook may be subscribed to. */
export type WebhookEventType = paths['/api/v1/webhooks']['post']['requestBody']['content']['application/json']['events'][number];

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
] as const satisfies readonly EventType[];
const _isEveryEventListed: ListsAll<typeof EVENT_TYPES, EventType> = true;

/** Too frequent (or too short-lived) to POST anywhere: offered on the live stream only. */
const STREAM_ONLY = ['transfer.started', 'transfer.progress'] as const satisfies readonly Exclude<EventType, WebhookEventType>[];
const _isEveryStreamOnlyEventListed: ListsAll<typeof STREAM_ONLY, Exclude<EventType, WebhookEventType>> = true;

const isSubscribable = (type: EventType): type is WebhookEventType => !(STREAM_ONLY as readonly EventType[]).includes(type);
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = EVENT_TYPES.filter(isSubscribable);
