// @ftp-panel/core: the domain (accounts, passwords, homes, policies, events) and the FTP service.
export * from './config.ts';
export * from './passwords.ts';
export * from './homes.ts';
export * from './bootstrap.ts';
export * from './errors.ts';
export * from './cidr.ts';
export * from './events.ts';
export * from './accounts/index.ts';
export * from './bans/index.ts';
export * from './settings/index.ts';
export * from './tokens.ts';
export * from './events/index.ts';
export * from './ftp/index.ts';
export * from './webhooks/index.ts';
