// The one list of events: for each, its name, a line for people, whether webhooks may subscribe to
// it, and the JSON schema of its payload (what it carries besides `type`). PanelEvent (types.ts) is
// built from these schemas, so the bus, the SSE stream's OpenAPI schema (apps/api routes/events.ts),
// the webhook docs and the dashboard's generated types all read the same definition.

const STRING = { type: 'string' } as const;
const NULLABLE_STRING = { type: ['string', 'null'] } as const;
const COUNT = { type: 'integer', minimum: 0 } as const;
const DATE = { type: 'string', format: 'date-time' } as const;
const DIRECTION = { type: 'string', enum: ['UPLOAD', 'DOWNLOAD'] } as const;
const CHANNEL = { type: 'string', enum: ['FTP', 'WEB'], description: 'FTP, or WEB for the customer portal' } as const;
/** Bytes a transfer is expected to move (downloads: file size minus REST; uploads: ALLO), null when unknown. */
const SIZE = { type: ['integer', 'null'], description: 'Bytes the transfer is expected to move; null when unknown' } as const;

/** One FTP control connection, as GET /api/v1/sessions lists it. */
export const LIVE_SESSION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'accountId', 'username', 'remoteIp', 'connectedAt', 'isTls', 'lastCommand', 'transfer'],
  properties: {
    id: STRING,
    accountId: NULLABLE_STRING,
    username: NULLABLE_STRING,
    remoteIp: STRING,
    connectedAt: DATE,
    isTls: { type: 'boolean' },
    lastCommand: NULLABLE_STRING,
    transfer: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['direction', 'path', 'bytes', 'bytesPerSecond', 'startedAt'],
      properties: {
        direction: { type: 'string', enum: ['UPLOAD', 'DOWNLOAD', 'LIST'] },
        path: STRING,
        bytes: COUNT,
        bytesPerSecond: { type: 'number' },
        startedAt: DATE,
        size: SIZE,
      },
    },
  },
} as const;

const SESSION_PAYLOAD = { type: 'object', additionalProperties: false, required: ['session'], properties: { session: LIVE_SESSION_SCHEMA } } as const;
const ACCOUNT_PAYLOAD = { type: 'object', additionalProperties: false, required: ['accountId', 'username'], properties: { accountId: STRING, username: STRING } } as const;

// `as const`: the schemas are literal types, from which types.ts derives each event's TypeScript shape.
export const EVENT_CATALOGUE = {
  'session.opened': { description: 'An FTP client connected.', isSubscribable: true, payload: SESSION_PAYLOAD },
  'session.closed': { description: 'An FTP client disconnected.', isSubscribable: true, payload: SESSION_PAYLOAD },
  'login.succeeded': {
    description: 'A sign-in (FTP or customer portal) succeeded.',
    isSubscribable: true,
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'username', 'remoteIp', 'sessionId', 'channel'],
      properties: { accountId: STRING, username: STRING, remoteIp: STRING, sessionId: STRING, channel: CHANNEL },
    },
  },
  'login.failed': {
    description: 'A sign-in failed: wrong credentials, refused by a policy, or banned.',
    isSubscribable: true,
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'username', 'remoteIp', 'sessionId', 'reason', 'channel'],
      properties: {
        accountId: NULLABLE_STRING,
        username: STRING,
        remoteIp: STRING,
        sessionId: NULLABLE_STRING,
        reason: STRING,
        channel: CHANNEL,
        result: { type: 'string', enum: ['FAILED', 'DENIED', 'BANNED'], description: 'How the attempt ended; absent = FAILED (wrong credentials)' },
      },
    },
  },
  'transfer.started': {
    description: 'An upload or download started.',
    isSubscribable: false,
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'username', 'sessionId', 'direction', 'path', 'remoteIp', 'startedAt'],
      properties: { accountId: STRING, username: STRING, sessionId: STRING, direction: DIRECTION, path: STRING, remoteIp: STRING, startedAt: DATE, size: SIZE },
    },
  },
  'transfer.progress': {
    description: 'A running transfer moved more bytes (about once a second).',
    isSubscribable: false,
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'username', 'sessionId', 'direction', 'path', 'bytes', 'bytesPerSecond'],
      properties: {
        accountId: STRING,
        username: STRING,
        sessionId: STRING,
        direction: DIRECTION,
        path: STRING,
        bytes: COUNT,
        bytesPerSecond: { type: 'number' },
        size: SIZE,
      },
    },
  },
  'transfer.completed': {
    description: 'An upload or download ended (OK, aborted, failed or over quota).',
    isSubscribable: true,
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'username', 'sessionId', 'direction', 'path', 'bytes', 'durationMs', 'status', 'remoteIp', 'startedAt', 'endedAt'],
      properties: {
        accountId: STRING,
        username: STRING,
        sessionId: STRING,
        direction: DIRECTION,
        path: { type: 'string', description: "relative to the account's home, starting with /" },
        bytes: COUNT,
        durationMs: COUNT,
        status: { type: 'string', enum: ['OK', 'ABORTED', 'FAILED', 'QUOTA'] },
        remoteIp: STRING,
        startedAt: DATE,
        endedAt: DATE,
      },
    },
  },
  'ban.created': {
    description: 'An address or network was banned.',
    isSubscribable: true,
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['ip', 'reason', 'expiresAt'],
      properties: { ip: STRING, reason: STRING, expiresAt: { type: ['string', 'null'], format: 'date-time', description: 'null = until lifted' } },
    },
  },
  'ban.lifted': { description: 'A ban was lifted.', isSubscribable: true, payload: { type: 'object', additionalProperties: false, required: ['ip'], properties: { ip: STRING } } },
  'quota.warning': {
    description: 'An account passed 80 % or 95 % of its quota.',
    isSubscribable: true,
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'username', 'percent', 'usedBytes', 'quotaBytes', 'usedFiles', 'quotaFiles'],
      properties: {
        accountId: STRING,
        username: STRING,
        percent: { type: 'integer', enum: [80, 95] },
        usedBytes: COUNT,
        quotaBytes: COUNT,
        usedFiles: COUNT,
        quotaFiles: COUNT,
      },
    },
  },
  'account.created': { description: 'An FTP account was created.', isSubscribable: true, payload: ACCOUNT_PAYLOAD },
  'account.updated': { description: 'An FTP account was changed.', isSubscribable: true, payload: ACCOUNT_PAYLOAD },
  'account.deleted': { description: 'An FTP account was deleted.', isSubscribable: true, payload: ACCOUNT_PAYLOAD },
  'settings.updated': { description: 'The server settings were changed.', isSubscribable: true, payload: { type: 'object', additionalProperties: false, properties: {} } },
} as const satisfies Record<string, CatalogueEntry>;

type CatalogueEntry = {
  /** one line for people (UI, OpenAPI, README) */
  description: string;
  /** whether a webhook may subscribe to it (progress ticks are too many to POST anywhere) */
  isSubscribable: boolean;
  /** JSON schema of what the event carries besides `type` (a webhook delivery's `data`) */
  payload: { type: 'object'; additionalProperties: false; required?: readonly string[]; properties: Record<string, unknown> };
};

type Catalogue = typeof EVENT_CATALOGUE;

/** Every event name. */
export type PanelEventType = keyof Catalogue;

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

/** The JSON schema of one event's payload (without `type`). */
export function eventPayloadSchema<T extends PanelEventType>(type: T): Catalogue[T]['payload'] {
  return EVENT_CATALOGUE[type].payload;
}

/** "name: description" lines, for API and README descriptions. */
export function describeEvents(types: readonly PanelEventType[]): string {
  return types.map((type) => `- \`${type}\`: ${EVENT_CATALOGUE[type].description}`).join('\n');
}
