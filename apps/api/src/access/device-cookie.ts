// The known-device cookie (core/device-trust.ts): set after a successful sign-in, read by the
// sign-in limit to spare a browser that signed in before from the per-username limit. One cookie
// for the dashboard and one for the portal; HttpOnly, SameSite=Strict, Secure when PUBLIC_URL is
// https, valid DEVICE_TRUST_MS (180 days) from the last sign-in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_TRUST_MS, isKnownDevice, issueDeviceToken, loadDeviceKey, type DeviceKind } from '@ftp-panel/core';

export const DEVICE_COOKIES: Record<DeviceKind, string> = { admin: 'ftp_panel_device', customer: 'ftp_panel_portal_device' };

/** Marks this browser as a known device of the admin or account that just signed in. */
export function rememberDevice(request: FastifyRequest, reply: FastifyReply, kind: DeviceKind, id: string): void {
  const { config } = request.server.ctx;
  reply.setCookie(DEVICE_COOKIES[kind], issueDeviceToken(loadDeviceKey(config.dataDir), kind, id), {
    path: '/api/v1',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: Math.floor(DEVICE_TRUST_MS / 1000),
  });
}

/** Whether the request comes from a device that signed in before as `username`. */
export function isRequestFromKnownDevice(request: FastifyRequest, kind: DeviceKind, username: unknown): Promise<boolean> {
  if (typeof username !== 'string') return Promise.resolve(false);
  const { db, config } = request.server.ctx;
  return isKnownDevice({ db: db.prisma, dataDir: config.dataDir }, kind, username, request.cookies[DEVICE_COOKIES[kind]]);
}
