// The error catalogue shared by the CLI and the API: stable codes, a plain message for people, and
// the offending fields. The API maps each code to an HTTP status and the one JSON error shape.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_CIDR: 400,
  HOME_OUTSIDE_ROOT: 400,
  HOME_OVERLAP: 409,
  QUOTA_BELOW_USAGE: 409,
  USERNAME_TAKEN: 409,
  VERSION_CONFLICT: 412,
  WEAK_PASSWORD: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  ACCOUNT_NOT_FOUND: 404,
  ADMIN_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  BAN_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  NOT_FOUND: 404,
  RESET_TOKEN_INVALID: 400,
  SETUP_TOKEN_INVALID: 400,
  SETUP_ALREADY_DONE: 409,
  SMTP_NOT_CONFIGURED: 503,
  ACCOUNT_HAS_NO_EMAIL: 409,
  MAIL_NOT_SENT: 503,
  RATE_LIMITED: 429,
  INVALID_CERTIFICATE: 400,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldIssue = { field: string; message: string };

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static field(code: ErrorCode, field: string, message: string): DomainError {
    return new DomainError(code, message, [{ field, message }]);
  }
}
