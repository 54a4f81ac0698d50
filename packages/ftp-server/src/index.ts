// Public API of the FTP/FTPS engine.
export { FtpError } from './types.ts';
export type {
  AuthResult,
  FsAction,
  FtpHooks,
  FtpLogger,
  FtpServerControl,
  FtpServerEvents,
  FtpServerLiveOptions,
  FtpServerOptions,
  ListenAddress,
  PassiveOptions,
  PassiveOverride,
  Permission,
  QuotaHandler,
  SessionInfo,
  TlsCredentials,
  TlsPolicy,
  TransferDirection,
  TransferInfo,
  TransferStatus,
  UploadQuota,
} from './types.ts';
export { BandwidthBucket, createThrottle } from './throttle.ts';
export { FtpServer } from './server.ts';
