export * from './service.ts';
export * from './password-reset.ts';
