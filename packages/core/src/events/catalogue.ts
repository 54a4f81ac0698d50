// The one list of event names. The SSE stream, the webhook subscription schema, the OpenAPI enums
// and the docs derive from it; the payload of each event is its member of PanelEvent.
import type { PanelEvent, PanelEventType } from '../events.ts';

/** The event of one type, as the bus carries it. */
export type PanelEventOf<T extends PanelEventType> = Extract<PanelEvent, { type: T }>;
/** What an event carries besides its type (a webhook delivery's `data`). */
export type EventPayload<T extends PanelEventType> = Omit<PanelEventOf<T>, 'type'>;

type CatalogueEntry = {
  /** one line for people (UI, OpenAPI, README) */
  description: string;
  /** whether a webhook may subscribe to it (progress ticks are too many to POST anywhere) */
  isSubscribable: boolean;
};

// `satisfies Record<PanelEventType, ...>`: a type missing here, or a name that is not an event, does not compile.
export const EVENT_CATALOGUE = {
  'session.opened': { description: 'An FTP client connected.', isSubscribable: true },
  'session.closed': { description: 'An FTP client disconnected.', isSubscribable: true },
  'login.succeeded': { description: 'A sign-in (FTP or customer portal) succeeded.', isSubscribable: true },
  'login.failed': { description: 'A sign-in failed: wrong credentials, refused by a policy, or banned.', isSubscribable: true },
  'transfer.started': { description: 'An upload or download started.', isSubscribable: false },
  'transfer.progress': { description: 'A running transfer moved more bytes (about once a second).', isSubscribable: false },
  'transfer.completed': { description: 'An upload or download ended (OK, aborted, failed or over quota).', isSubscribable: true },
  'ban.created': { description: 'An address or network was banned.', isSubscribable: true },
  'ban.lifted': { description: 'A ban was lifted.', isSubscribable: true },
  'quota.warning': { description: 'An account passed 80 % or 95 % of its quota.', isSubscribable: true },
  'account.created': { description: 'An FTP account was created.', isSubscribable: true },
  'account.updated': { description: 'An FTP account was changed.', isSubscribable: true },
  'account.deleted': { description: 'An FTP account was deleted.', isSubscribable: true },
  'settings.updated': { description: 'The server settings were changed.', isSubscribable: true },
} as const satisfies Record<PanelEventType, CatalogueEntry>;

type Catalogue = typeof EVENT_CATALOGUE;

/** The event types a webhook may subscribe to. */
export type WebhookEventType = { [T in PanelEventType]: Catalogue[T]['isSubscribable'] extends true ? T : never }[PanelEventType];

/** Every event type, in catalogue order (all of them go out on the SSE stream). */
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as PanelEventType[];

export function isEventType(name: string): name is PanelEventType {
  return Object.hasOwn(EVENT_CATALOGUE, name);
}

export function isWebhookEventType(name: string): name is WebhookEventType {
  return isEventType(name) && EVENT_CATALOGUE[name].isSubscribable;
}

export const WEBHOOK_EVENT_TYPES: WebhookEventType[] = EVENT_TYPES.filter(isWebhookEventType);

/** "name: description" lines, for API and README descriptions. */
export function describeEvents(types: readonly PanelEventType[]): string {
  return types.map((type) => `- \`${type}\`: ${EVENT_CATALOGUE[type].description}`).join('\n');
}
