// What the API needs from the process around it; built by server.ts (or by tests).
import type { AppConfig, PasswordHasher } from '@ftp-panel/core';
import type { Db } from '@ftp-panel/db';

export type AppContext = {
  config: AppConfig;
  db: Db;
  hasher: PasswordHasher;
};
