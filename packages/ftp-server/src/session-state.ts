// The protocol state of one control connection, in one object: everything the commands read and
// change between two command lines (login, working directory, TLS and data-channel settings,
// pending REST/RNFR/ALLO, the running transfer). The session owns the socket; this owns the rest.
import type { ActiveTransfer } from './active-transfer.ts';
import type { ConfinedFs } from './fs/confined-fs.ts';
import type { AuthResult, Permission } from './types.ts';

const NO_PERMISSIONS: ReadonlySet<Permission> = new Set();

export class SessionState {
  /** From USER until PASS ends (kept after a successful login). */
  username: string | null = null;
  /** What authenticate returned; null until logged in. */
  auth: AuthResult | null = null;
  /** The chroot of the logged-in account. */
  fs: ConfinedFs | null = null;
  /** Virtual working directory. */
  cwd = '/';
  /** The control channel is encrypted (AUTH TLS done, or implicit TLS). */
  isTls = false;
  /** PBSZ was accepted: PROT may follow (RFC 4217 section 9). */
  isPbszSet = false;
  /** Data channel protection level set by PROT (or implied by AUTH SSL / TLS-P). */
  protection: 'C' | 'P' = 'C';
  /** EPSV ALL was sent: PORT, EPRT and PASV are refused from now on. */
  isEpsvAll = false;
  /** REST offset for the next RETR/STOR. */
  restOffset = 0;
  /** Size announced by ALLO for the next STOR/APPE/STOU; any transfer command clears it. */
  allocatedBytes: number | null = null;
  /** Virtual path named by RNFR, waiting for RNTO. */
  renameFrom: string | null = null;
  loginFailures = 0;
  unknownCommands = 0;
  lastCommand: string | null = null;
  mlstFacts: ReadonlySet<string> = new Set(['type', 'size', 'modify', 'perm', 'unique', 'unix.mode']);
  transfer: ActiveTransfer | null = null;

  get isLoggedIn(): boolean {
    return this.auth !== null;
  }

  get permissions(): ReadonlySet<Permission> {
    return this.auth?.permissions ?? NO_PERMISSIONS;
  }
}
