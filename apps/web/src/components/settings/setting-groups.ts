import type { SettingField } from './SettingsForm.tsx';

export const PASSIVE_FIELDS: SettingField[] = [
  { name: 'pasvPortMin', label: 'Passive ports from', kind: 'number', min: 1024, max: 65535, hint: '1024–65535. Clients open data connections to this range.' },
  { name: 'pasvPortMax', label: 'Passive ports to', kind: 'number', min: 1024, max: 65535, hint: 'At least 2 ports; about 2 per simultaneous transfer.' },
  { name: 'pasvAdvertisedHost', label: 'Advertised address', kind: 'nullableText', hint: 'Public IP or host name sent to clients behind NAT. Empty = the address they connected to.' },
  { name: 'isActiveModeAllowed', label: 'Allow active mode (PORT/EPRT)', kind: 'checkbox', hint: 'The server connects back to the client. Rarely needed.' },
];

export const TLS_FIELDS: SettingField[] = [
  {
    name: 'tlsMode',
    label: 'FTPS',
    kind: 'select',
    options: [
      { value: 'OPTIONAL', label: 'Optional: clients may use TLS' },
      { value: 'REQUIRED', label: 'Required: plain FTP logins are refused' },
      { value: 'DISABLED', label: 'Disabled' },
    ],
  },
  { name: 'isProtPRequired', label: 'Require encrypted data connections (PROT P)', kind: 'checkbox' },
  { name: 'isTlsSessionReuseRequired', label: 'Require TLS session reuse on data connections', kind: 'checkbox', hint: 'Protects against data-connection theft; a few old clients do not support it.' },
  {
    name: 'isTlsCloseNotifyRequired',
    label: 'Require TLS close_notify on uploads (FTPS)',
    kind: 'checkbox',
    hint: 'Refuses FTPS uploads that end without a TLS close_notify, which is how a cut connection looks; turn off only for clients that close data connections without it.',
  },
];

export const LIMIT_FIELDS: SettingField[] = [
  { name: 'maxSessions', label: 'Sessions in total', kind: 'number', min: 0, hint: '0 = unlimited.' },
  { name: 'maxSessionsPerIp', label: 'Sessions per IP address', kind: 'number', min: 0, hint: '0 = unlimited.' },
  { name: 'idleTimeoutSec', label: 'Idle timeout (seconds)', kind: 'number', min: 0, hint: 'Disconnect sessions without commands for this long.' },
  { name: 'loginTimeoutSec', label: 'Login timeout (seconds)', kind: 'number', min: 0, hint: 'Time allowed to sign in after connecting.' },
  { name: 'dataTimeoutSec', label: 'Data timeout (seconds)', kind: 'number', min: 0, hint: 'A stalled transfer is aborted after this long.' },
  { name: 'minFreeDiskMb', label: 'Keep free on disk (MiB)', kind: 'number', min: 0, hint: 'Uploads are refused below this. 0 = off.' },
  { name: 'retentionDays', label: 'Keep logs for (days)', kind: 'number', min: 1, hint: 'Transfer and login history older than this is deleted.' },
];

export const BANNER_FIELDS: SettingField[] = [{ name: 'banner', label: 'Welcome banner', kind: 'textarea', hint: 'Sent to every FTP client when it connects. Do not reveal software versions.' }];

export const BAN_FIELDS: SettingField[] = [
  { name: 'maxLoginFailures', label: 'Failures before disconnect', kind: 'number', min: 1, hint: 'Wrong passwords allowed in one connection.' },
  { name: 'banFailures', label: 'Failures before a ban', kind: 'number', min: 0, hint: 'From one IP within the window. 0 = never ban.' },
  { name: 'banWindowSec', label: 'Window (seconds)', kind: 'number', min: 1 },
  { name: 'banDurationSec', label: 'Ban duration (seconds)', kind: 'number', min: 0, hint: '3600 = one hour. 0 = until lifted.' },
];

export const WEBHOOK_FIELDS: SettingField[] = [
  {
    name: 'isWebhookPrivateTargetAllowed',
    label: 'Allow webhooks to private and local addresses',
    kind: 'checkbox',
    hint: 'Off: webhook URLs that are or resolve to loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10, including cloud metadata), unique-local (fc00::/7), CGNAT (100.64/10) or multicast addresses are refused. Turn on only if a receiver really runs inside your network.',
  },
];
