import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'FTP Panel', template: '%s · FTP Panel' },
  description: 'FTP hosting control panel',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next stamps its inline scripts with the nonce of this
  // response's Content-Security-Policy (set by apps/api/src/web.ts), which a page prerendered at
  // build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
