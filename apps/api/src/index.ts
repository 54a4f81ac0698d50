export { buildApp } from './app.ts';
export type { AppContext } from './context.ts';
