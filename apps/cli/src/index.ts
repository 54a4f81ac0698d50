// @ftp-panel/cli: the ftpadmin command registry and output helpers (the entry point is main.ts).
export * from './registry.ts';
export * from './output.ts';
export { COMMANDS } from './commands/index.ts';
