// Accounts (FTP virtual users): the use cases shared by the CLI and the REST API.
export * from './context.ts';
export * from './validation.ts';
export * from './json.ts';
export * from './usage.ts';
export * from './service.ts';
