// The forgotten-password routes customers and admins share: ask for a link (one answer whether or
// not anyone matches, sent before the work so its timing tells nothing), check a link, set a new
// password with it. Each caller plugs in its own core use cases, names and texts.
import { signInLimit } from '../plugins/rate-limit.ts';
import type { ApiTag } from '../plugins/openapi.ts';
import { alwaysSent, described, errors, NO_CONTENT, PASSWORD, type RoutesInstance } from '../schemas.ts';

export type ResetFlow = {
  /** '/portal' or '/auth': routes are `${prefix}/forgot`, `${prefix}/reset/:token`, `${prefix}/reset`. */
  prefix: string;
  /** Rate-limit bucket prefix ('portal', 'admin'). */
  limitKey: string;
  tag: ApiTag;
  operationIds: { forgot: string; check: string; reset: string };
  summaries: { forgot: string; check: string; reset: string };
  /** Description of the 202 answer. */
  acceptedText: string;
  /** The one answer to every request for a link. */
  answer: string;
  /** Finds whoever matches and emails the link; runs after the answer went out. */
  sendLinks(login: string): Promise<unknown>;
  onSendError(error: Error): void;
  isTokenValid(token: string): Promise<boolean>;
  consume(token: string, password: string, ip: string): Promise<unknown>;
};

const TOKEN = { type: 'string', minLength: 1, maxLength: 200 } as const;

export function registerResetFlow(app: RoutesInstance, flow: ResetFlow): void {
  app.post(
    `${flow.prefix}/forgot`,
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, `${flow.limitKey}-forgot`, app.tuning.signInPerMinute, (b) => b.login),
      schema: {
        operationId: flow.operationIds.forgot,
        tags: [flow.tag],
        summary: flow.summaries.forgot,
        body: { type: 'object', required: ['login'], additionalProperties: false, properties: { login: { type: 'string', minLength: 1, maxLength: 254 } } },
        response: { 202: described(flow.acceptedText, alwaysSent({ type: 'object', properties: { message: { type: 'string' } } })), ...errors(429) },
      },
    },
    async (request, reply) => {
      const login = request.body.login;
      setImmediate(() => {
        flow.sendLinks(login).catch((error: unknown) => flow.onSendError(error as Error));
      });
      return reply.code(202).send({ message: flow.answer });
    },
  );

  app.get(
    `${flow.prefix}/reset/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: flow.operationIds.check,
        tags: [flow.tag],
        summary: flow.summaries.check,
        params: { type: 'object', required: ['token'], properties: { token: TOKEN } },
        response: { 200: described('Whether the token can still be used', alwaysSent({ type: 'object', properties: { isValid: { type: 'boolean' } } })) },
      },
    },
    async (request) => ({ isValid: await flow.isTokenValid(request.params.token) }),
  );

  app.post(
    `${flow.prefix}/reset`,
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, `${flow.limitKey}-reset`, app.tuning.signInPerMinute),
      schema: {
        operationId: flow.operationIds.reset,
        tags: [flow.tag],
        summary: flow.summaries.reset,
        body: { type: 'object', required: ['token', 'password'], additionalProperties: false, properties: { token: TOKEN, password: PASSWORD } },
        response: { ...NO_CONTENT, ...errors(429) },
      },
    },
    async (request, reply) => {
      await flow.consume(request.body.token, request.body.password, request.ip);
      return reply.code(204).send();
    },
  );
}
