// Public API of the FTP/FTPS engine.
export { FtpError, LoginRefusal } from './types.ts';
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
  LoginFailure,
  LoginOutcome,
  LoginResult,
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
export { TEMP_UPLOAD_PREFIX, TEMP_UPLOAD_SUFFIX, isTempUploadName } from './list-format.ts';
export { isTempUploadLive, registerTempUpload, releaseTempUpload, sweepTempUploads } from './temp-sweep.ts';
export type { TempSweepOptions, TempSweepResult } from './temp-sweep.ts';
