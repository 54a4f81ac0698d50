// The FTP service (engine + database) and what the CLI and API need from it.
export { startFtpService } from './service.ts';
export type { FtpService, FtpServiceInput } from './service.ts';
export { controlSocketPath, sendControlRequest, ControlUnavailableError } from './control.ts';
export type { ControlRequest, ControlResponse } from './control.ts';
export { ensureSelfSignedCertificate, certificatePaths } from './certificate.ts';
export { formatXferlogLine, formatAuthFailureLine } from './op-logs.ts';
export { CredentialCache } from './credential-cache.ts';
