// TLS parameters shared by the control and data connections. TLS 1.2 is limited to forward-secret
// AEAD suites (no static RSA key exchange, no CBC with SHA-1); TLS 1.3 keeps OpenSSL's suites,
// which are all of that kind already.
import type tls from 'node:tls';

export const TLS_MIN_VERSION: tls.SecureVersion = 'TLSv1.2';

export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** The ALPN protocol id registered for FTP (RFC 7301 registry). */
export const FTP_ALPN = 'ftp';

/**
 * Accepts a client that offers no ALPN or offers `ftp`; any other list ends the handshake with a
 * no_application_protocol alert, so a connection meant for another TLS service (an HTTPS page
 * redirected here, the ALPACA cross-protocol attack) never reaches the FTP command parser.
 */
export function selectAlpn(input: { protocols: string[] }): string | undefined {
  return input.protocols.includes(FTP_ALPN) ? FTP_ALPN : undefined;
}
