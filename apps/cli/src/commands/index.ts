// The command registry: main.ts dispatches from this list. A new command family is a file in
// this folder exporting CommandSpec[], added here.
import type { CommandSpec } from '../registry.ts';
import { ACCOUNT_COMMANDS } from './account.ts';
import { ADMIN_COMMANDS } from './admin.ts';
import { AUDIT_COMMANDS } from './audit.ts';
import { BAN_COMMANDS } from './ban.ts';
import { DB_COMMANDS } from './db.ts';
import { SESSION_COMMANDS } from './session.ts';
import { TOKEN_COMMANDS } from './token.ts';

export const COMMANDS: readonly CommandSpec[] = [...ACCOUNT_COMMANDS, ...ADMIN_COMMANDS, ...TOKEN_COMMANDS, ...SESSION_COMMANDS, ...BAN_COMMANDS, ...AUDIT_COMMANDS, ...DB_COMMANDS];
