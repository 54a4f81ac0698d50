import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The dashboard is served by the API process (apps/api/src/web.ts); it never reaches the network at
// build time (no remote fonts or images) and its dependencies are hoisted to the repo root.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root: ROOT },
  outputFileTracingRoot: ROOT,
  images: { unoptimized: true },
};

export default nextConfig;
