// Server settings: the rules and the use cases shared by the API, the CLI and the FTP service.
export * from './validation.ts';
export * from './update-settings.ts';
