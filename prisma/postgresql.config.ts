// Prisma CLI configuration for PostgreSQL (DATABASE_URL=postgresql://...).
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'postgresql/schema.prisma'),
  migrations: { path: path.join(import.meta.dirname, 'postgresql/migrations') },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://placeholder/placeholder' });
  },
});
