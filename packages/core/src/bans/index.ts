// IP bans: the use cases shared by the CLI and the REST API.
export * from './bans.ts';
