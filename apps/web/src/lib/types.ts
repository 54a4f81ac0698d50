// Shapes of the API's JSON (API-CONTRACT.md). The web talks to the API over HTTP only, so these are
// declared here rather than imported from the server packages.
export type AdminRole = 'OWNER' | 'ADMIN' | 'SUPPORT';
export type AdminUser = { kind: 'admin'; id: string; username: string; role: AdminRole; email: string | null };
export type CustomerUser = { kind: 'customer'; accountId: string; username: string };
export type SessionInfo = { user: AdminUser | CustomerUser | null; csrfToken: string | null };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type FieldIssue = { field: string; message: string };
export type ApiErrorBody = { error: { code: string; message: string; details?: FieldIssue[] } };

export const PERMISSIONS = ['list', 'read', 'write', 'delete', 'rename', 'mkdir'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Account = {
  id: string;
  username: string;
  email: string | null;
  status: 'ACTIVE' | 'DISABLED';
  expiresAt: string | null;
  homeDir: string;
  quotaBytes: number;
  quotaFiles: number;
  usedBytes: number;
  usedFiles: number;
  uploadKiBps: number;
  downloadKiBps: number;
  maxSessions: number;
  allowedCidrs: string[];
  deniedCidrs: string[];
  permissions: Permission[];
  requireTls: boolean;
  /** Protected data connections must resume the control connection's TLS session; null = the server setting. */
  isTlsSessionReuseRequired: boolean | null;
  note: string;
  version: number;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TransferDirection = 'UPLOAD' | 'DOWNLOAD';
export type TransferStatus = 'OK' | 'ABORTED' | 'FAILED' | 'QUOTA';

export type LiveTransfer = {
  direction: TransferDirection | 'LIST';
  path: string;
  bytes: number;
  bytesPerSecond: number;
  startedAt: string;
  /** Total size when the server knows it (downloads); progress bars need it. */
  size?: number | null;
};

export type LiveSession = {
  id: string;
  accountId: string | null;
  username: string | null;
  remoteIp: string;
  connectedAt: string;
  isTls: boolean;
  lastCommand: string | null;
  transfer: LiveTransfer | null;
};

export type Transfer = {
  id: string;
  accountId: string | null;
  username: string;
  sessionId: string;
  direction: TransferDirection;
  path: string;
  bytes: number;
  durationMs: number;
  status: TransferStatus;
  remoteIp: string;
  startedAt: string;
  endedAt: string;
};

export type LoginEvent = {
  id: string;
  accountId: string | null;
  username: string;
  remoteIp: string;
  channel: 'FTP' | 'WEB';
  result: 'OK' | 'FAILED' | 'DENIED' | 'BANNED';
  reason: string | null;
  createdAt: string;
};

export type FailedByIp = { ip: string; count: number; lastAt: string };

export type Ban = {
  id: string;
  ip: string;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  liftedAt: string | null;
};

export type Warning = { code: string; message: string; field?: string; severity?: 'warning' | 'info' };

export type Overview = {
  sessionsOnline: number;
  transfers24h: { buckets: { at: string; uploadBytes: number; downloadBytes: number; count: number }[] };
  currentBytesPerSecond: number;
  failedLogins24h: number;
  activeBans: number;
  homesDisk: { totalBytes: number; freeBytes: number } | null;
  certificate: { subject: string; expiresAt: string; isSelfSigned: boolean } | null;
  warnings: Warning[];
};

export type Certificate = { subject: string; issuer?: string; expiresAt: string; isSelfSigned: boolean };

export type ServerSettings = {
  pasvPortMin: number;
  pasvPortMax: number;
  pasvAdvertisedHost: string | null;
  isActiveModeAllowed: boolean;
  tlsMode: 'DISABLED' | 'OPTIONAL' | 'REQUIRED';
  isProtPRequired: boolean;
  isTlsSessionReuseRequired: boolean;
  isTlsCloseNotifyRequired: boolean;
  banner: string;
  maxSessions: number;
  maxSessionsPerIp: number;
  idleTimeoutSec: number;
  loginTimeoutSec: number;
  dataTimeoutSec: number;
  maxLoginFailures: number;
  banFailures: number;
  banWindowSec: number;
  banDurationSec: number;
  minFreeDiskMb: number;
  retentionDays: number;
  version: number;
  certificate: Certificate | null;
};

export type PassiveDiagnostics = {
  boundAddress: string | null;
  advertisedAddress: string | null;
  warnings: Warning[];
  ports: { total: number; bindable: number; unbindable: number[] };
  selfTest: { isOk: boolean; message: string } | null;
  firewall: Record<'ufw' | 'iptables' | 'nftables' | 'firewalld', string>;
};

export type SmtpStatus = { isConfigured: boolean; from: string | null };

export const TOKEN_SCOPES = [
  'accounts:read',
  'accounts:write',
  'sessions:read',
  'sessions:write',
  'logs:read',
  'settings:read',
  'settings:write',
] as const;

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type AdminAccount = {
  id: string;
  username: string;
  email: string | null;
  role: AdminRole;
  status: 'ACTIVE' | 'DISABLED';
  lastLoginAt: string | null;
  createdAt: string;
};

export type AuditEntry = {
  id: string;
  actorType: string;
  actorName: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
};

export type Webhook = { id: string; url: string; events: string[]; isActive: boolean; createdAt: string };
export type WebhookDelivery = {
  id: string;
  event: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

export type MeInfo = {
  account: Account;
  quota: { usedBytes: number; quotaBytes: number; usedFiles: number; quotaFiles: number };
  limits: { uploadKiBps: number; downloadKiBps: number; maxSessions: number };
  recentTransfers: Transfer[];
  connection: { host: string; port: number; ftpsPort: number | null; tlsMode: string; passiveRange: { min: number; max: number } };
};

/** Events on /api/v1/events (packages/core/src/events.ts), as far as the dashboard uses them. */
export type PanelEvent =
  | { type: 'session.opened' | 'session.closed'; session: LiveSession }
  | { type: 'transfer.started'; sessionId: string; username: string; direction: TransferDirection; path: string; startedAt: string; size?: number | null }
  | { type: 'transfer.progress'; sessionId: string; username: string; direction: TransferDirection; path: string; bytes: number; bytesPerSecond: number; size?: number | null }
  | ({ type: 'transfer.completed' } & Omit<Transfer, 'id'>)
  | { type: 'login.failed' | 'login.succeeded'; username: string; remoteIp: string }
  | { type: 'ban.created'; ip: string }
  | { type: 'ban.lifted'; ip: string }
  | { type: 'quota.warning'; username: string; percent: number }
  | { type: 'account.created' | 'account.updated' | 'account.deleted'; username: string }
  | { type: 'settings.updated' };
