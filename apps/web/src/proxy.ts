// Optimistic redirects only: no session cookie means no chance of being signed in. The real check
// (is the session valid, is it an admin or a customer) happens in the layouts via the API.
import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

const SESSION_COOKIE = 'ftp_panel_session';

const PUBLIC_PORTAL_PATHS = ['/portal/login', '/portal/forgot', '/portal/reset'];

export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/portal')) {
    if (PUBLIC_PORTAL_PATHS.some((p) => pathname === p || pathname.startsWith(p + '/'))) return NextResponse.next();
    return NextResponse.redirect(new URL('/portal/login', request.url));
  }
  const login = new URL('/login', request.url);
  login.searchParams.set('next', pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ['/admin/:path*', '/portal/:path*'],
};
