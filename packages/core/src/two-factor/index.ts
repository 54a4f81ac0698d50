export * from './totp.ts';
export * from './service.ts';
export * from './sessions.ts';
