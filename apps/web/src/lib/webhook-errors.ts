// The classes the API stores for a failed webhook attempt (core/webhooks/request.ts), in words.
const MESSAGES: Record<string, string> = {
  TIMEOUT: 'No answer in time',
  REFUSED: 'Connection refused or cut',
  DNS: 'The host name does not resolve',
  TLS: 'TLS failed (certificate or handshake)',
  BLOCKED_ADDRESS: 'Refused: the address is private or local (see Settings → Webhook targets)',
  REDIRECT: 'The endpoint answered with a redirect, which is not followed',
};

export function describeWebhookError(errorClass: string | null): string {
  if (!errorClass) return '';
  const http = /^HTTP_(\d{3})$/.exec(errorClass);
  if (http) return `The endpoint answered HTTP ${http[1]}`;
  return MESSAGES[errorClass] ?? errorClass;
}
