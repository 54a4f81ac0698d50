// The API's JSON as the web sees it: every shape is taken from api-types.gen.ts, which is generated
// from the API's OpenAPI document (npm run api-types -w @ftp-panel/web). Nothing here restates a
// field; a change to a route schema reaches the pages through the generator.
import type { components, paths } from './api-types.gen.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<Response> = Response extends { content: { 'application/json': infer Json } } ? Json : never;
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of an operation's answer (by default its success answer). */
export type ApiResponse<P extends keyof paths, M extends Method, Status extends number = 200 | 201 | 202> =
  Operation<P, M> extends { responses: infer Responses } ? JsonOf<Responses[Extract<keyof Responses, Status>]> : never;
/** The JSON body an operation takes. */
export type ApiRequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer Body } ? JsonOf<NonNullable<Body>> : never;

type ItemOf<List> = List extends { items: readonly (infer Item)[] } ? Item : List extends readonly (infer Item)[] ? Item : never;

/**
 * Compile-time proof that a hand-kept list names every member of a generated union (the list's own
 * `satisfies` proves it names nothing else): `const _x: ListsAll<typeof LIST, Union> = true`.
 */
export type ListsAll<List extends readonly unknown[], Union> = [Union] extends [List[number]] ? true : never;

export type SetupStatus = ApiResponse<'/api/v1/setup/status', 'get'>;
export type SessionInfo = ApiResponse<'/api/v1/auth/session', 'get'>;
export type AdminUser = Extract<SessionInfo['user'], { kind: 'admin' }>;
export type CustomerUser = Extract<SessionInfo['user'], { kind: 'customer' }>;
export type AdminRole = AdminUser['role'];

export type ApiErrorBody = components['schemas']['ErrorResponse'];
export type FieldIssue = ApiErrorBody['error']['details'][number];

export type AccountPage = ApiResponse<'/api/v1/accounts', 'get'>;
export type Account = ApiResponse<'/api/v1/accounts/{username}', 'get'>;
export type CreatedAccount = ApiResponse<'/api/v1/accounts', 'post'>;
export type ResetLink = ApiResponse<'/api/v1/accounts/{username}/reset-link', 'post'>;
export type ResetLinkSent = ApiResponse<'/api/v1/accounts/{username}/reset-link/send', 'post'>;
export type Permission = ItemOf<ApiRequestBody<'/api/v1/accounts', 'post'>['permissions']>;
/** In the order the account form shows them. */
export const PERMISSIONS = ['list', 'read', 'write', 'delete', 'rename', 'mkdir'] as const satisfies readonly Permission[];
const _isEveryPermissionListed: ListsAll<typeof PERMISSIONS, Permission> = true;
export const isPermission = (name: string): name is Permission => (PERMISSIONS as readonly string[]).includes(name);

export type LiveSession = ItemOf<ApiResponse<'/api/v1/sessions', 'get'>>;
export type LiveTransfer = NonNullable<LiveSession['transfer']>;

export type TransferPage = ApiResponse<'/api/v1/transfers', 'get'>;
export type Transfer = ItemOf<TransferPage>;
export type TransferDirection = Transfer['direction'];
export type TransferStatus = Transfer['status'];

export type LoginEventPage = ApiResponse<'/api/v1/logins', 'get'>;
export type LoginEvent = ItemOf<LoginEventPage>;
export type FailedByIp = ItemOf<ApiResponse<'/api/v1/logins/failed-by-ip', 'get'>>;

export type BanPage = ApiResponse<'/api/v1/bans', 'get'>;
export type Ban = ItemOf<BanPage>;

export type Overview = ApiResponse<'/api/v1/overview', 'get'>;
export type ServerSettings = ApiResponse<'/api/v1/settings', 'get'>;
export type SettingsUpdate = ApiResponse<'/api/v1/settings', 'patch'>;
export type Certificate = ApiResponse<'/api/v1/settings/tls', 'put'>;
export type PassiveDiagnostics = ApiResponse<'/api/v1/settings/passive-diagnostics', 'get'>;
export type SmtpStatus = ApiResponse<'/api/v1/settings/smtp', 'get'>;
/** Any warning the API answers with (overview, settings, passive diagnostics). */
export type Warning =
  | ItemOf<Overview['warnings']>
  | ItemOf<SettingsUpdate['warnings']>
  | ItemOf<PassiveDiagnostics['warnings']>;

export type ApiToken = ItemOf<ApiResponse<'/api/v1/tokens', 'get'>>;
export type CreatedApiToken = ApiResponse<'/api/v1/tokens', 'post'>;
export type TokenScope = ItemOf<ApiRequestBody<'/api/v1/tokens', 'post'>['scopes']>;
/** In the order the token form shows them. */
export const TOKEN_SCOPES = [
  'accounts:read',
  'accounts:write',
  'sessions:read',
  'sessions:write',
  'logs:read',
  'settings:read',
  'settings:write',
] as const satisfies readonly TokenScope[];
const _isEveryScopeListed: ListsAll<typeof TOKEN_SCOPES, TokenScope> = true;

export type AdminAccount = ItemOf<ApiResponse<'/api/v1/admins', 'get'>>;

export type AuditPage = ApiResponse<'/api/v1/audit', 'get'>;
export type AuditEntry = ItemOf<AuditPage>;

export type Webhook = ItemOf<ApiResponse<'/api/v1/webhooks', 'get'>>;
export type CreatedWebhook = ApiResponse<'/api/v1/webhooks', 'post'>;
export type WebhookDeliveryPage = ApiResponse<'/api/v1/webhooks/{id}/deliveries', 'get'>;
export type WebhookDelivery = ItemOf<WebhookDeliveryPage>;

export type MeInfo = ApiResponse<'/api/v1/me', 'get'>;
export type PortalConfig = ApiResponse<'/api/v1/portal/config', 'get'>;
export type ForgotPasswordAnswer = ApiResponse<'/api/v1/portal/forgot', 'post'>;
export type ResetTokenCheck = ApiResponse<'/api/v1/portal/reset/{token}', 'get'>;
export type AdminResetTokenCheck = ApiResponse<'/api/v1/auth/reset/{token}', 'get'>;
export type SignInAnswer = ApiResponse<'/api/v1/auth/login', 'post'>;
export type PortalSignInAnswer = ApiResponse<'/api/v1/portal/login', 'post'>;
export type TwoFactorStatus = ApiResponse<'/api/v1/auth/two-factor', 'get'>;
export type TwoFactorEnrolment = ApiResponse<'/api/v1/auth/two-factor/enrol', 'post'>;
export type RecoveryCodes = ApiResponse<'/api/v1/auth/two-factor/confirm', 'post'>;
export type SecondFactorAnswer = ApiResponse<'/api/v1/auth/second-factor', 'post'>;
export type TwoFactorRequirement = ApiResponse<'/api/v1/settings/two-factor', 'get'>;
/** What the sign-in asks after the password: the code (VERIFY) or, when required and missing, enrolment first (ENROL). */
export type SecondFactorStep = NonNullable<SignInAnswer['secondFactor']>;

/**
 * One message on /api/v1/events: the generated union of every event's payload (the OpenAPI schema
 * is packages/core's event catalogue), with its `type` and `at`.
 */
export type PanelEvent = paths['/api/v1/events']['get']['responses'][200]['content']['text/event-stream'];
