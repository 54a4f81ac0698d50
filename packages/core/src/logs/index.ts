// Transfer and login history (queries and CSV export).
export * from './logs.ts';
