// RFC 4217 security commands. After 234 the clear-text buffer is dropped before the handshake,
// so commands smuggled in the same packet as AUTH TLS never run.
import type { VerbFamily } from './types.ts';

export const TLS_COMMANDS = {
  AUTH: {
    isLoginRequired: false,
    isArgumentRequired: true,
    isAllowedBeforeTls: true,
    run(session, arg) {
      const mechanism = arg.trim().toUpperCase();
      if (!['TLS', 'TLS-C', 'SSL', 'TLS-P'].includes(mechanism)) {
        session.reply(504, 'Unsupported security mechanism.');
        return;
      }
      if (session.state.isTls) {
        session.reply(503, 'Already using TLS.');
        return;
      }
      if (!session.isTlsAvailable) {
        // 534, not 502: AUTH is implemented and the mechanism understood, the server is just not
        // willing to use it now (no certificate, or TLS turned off by the administrator). RFC 4217
        // section 4.1 prescribes 534 for "not willing to accept the named security mechanism";
        // 502 (RFC 2228) would claim the AUTH command itself does not exist.
        session.reply(534, 'TLS is not available on this server.');
        return;
      }
      session.reply(234, 'Proceed with negotiation.');
      // SSL and TLS-P historically imply a protected data channel.
      if (mechanism === 'SSL' || mechanism === 'TLS-P') session.state.protection = 'P';
      session.upgradeToTls();
    },
  },
  PBSZ: {
    isLoginRequired: false,
    isArgumentRequired: true,
    isAllowedBeforeTls: true,
    run(session) {
      if (!session.state.isTls) {
        session.reply(503, 'PBSZ requires a TLS control connection.');
        return;
      }
      session.state.isPbszSet = true;
      session.reply(200, 'PBSZ=0');
    },
  },
  PROT: {
    isLoginRequired: false,
    isArgumentRequired: true,
    isAllowedBeforeTls: true,
    run(session, arg) {
      if (!session.state.isTls) {
        session.reply(503, 'PROT requires a TLS control connection.');
        return;
      }
      // RFC 4217 section 9: PROT without a prior PBSZ is a bad sequence (every client sends PBSZ 0 first).
      if (!session.state.isPbszSet) {
        session.reply(503, 'PBSZ must come before PROT.');
        return;
      }
      const level = arg.trim().toUpperCase();
      if (level === 'P') {
        session.state.protection = 'P';
        session.reply(200, 'Protection level set to Private.');
      } else if (level === 'C') {
        if (session.options.tlsPolicy.isProtPRequired) {
          session.reply(534, 'Clear data connections are not allowed by policy; use PROT P.');
          return;
        }
        // Before login the account is unknown: a PROT C sent then is caught by the data-command guard.
        if (session.state.auth?.isTlsRequired) {
          session.reply(534, 'This account requires protected data connections; use PROT P.');
          return;
        }
        session.state.protection = 'C';
        session.reply(200, 'Protection level set to Clear.');
      } else if (level === 'S' || level === 'E') {
        session.reply(536, 'Protection level not supported.');
      } else {
        session.reply(504, 'Unknown protection level.');
      }
    },
  },
  CCC: {
    isLoginRequired: false,
    run(session) {
      session.reply(533, 'Reverting the control connection to clear text is not allowed.');
    },
  },
} satisfies VerbFamily;
