export const WEBHOOK_EVENTS = [
  'transfer.completed',
  'login.failed',
  'login.succeeded',
  'session.opened',
  'session.closed',
  'ban.created',
  'ban.lifted',
  'quota.warning',
  'account.created',
  'account.updated',
  'account.deleted',
  'settings.updated',
] as const;
