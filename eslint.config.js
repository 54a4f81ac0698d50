// Flat config for every workspace: typescript-eslint's recommended rules on all TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/generated/**',
      '**/.next/**',
      'apps/web/next-env.d.ts',
      'data/**',
      'e2e/artifacts/**',
      'e2e/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // Apps parse, call core and format: database access goes through core's use cases. Types
    // from the db package stay importable; tests and their fixtures may seed the database.
    files: ['apps/**/*.{ts,tsx,js,mjs}'],
    ignores: ['apps/**/*.test.{ts,tsx}', 'apps/**/test-support.ts', 'apps/**/testing.ts', 'apps/*/bench/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@ftp-panel/db',
              allowTypeImports: true,
              message: 'Apps call @ftp-panel/core; only types may come from @ftp-panel/db.',
            },
          ],
          patterns: [
            {
              group: ['@ftp-panel/db/*', '@prisma/*', '**/generated/sqlite/**', '**/generated/postgresql/**', '**/db/src/**'],
              message: 'Prisma and the db package internals stay in packages/db; apps call @ftp-panel/core.',
            },
          ],
        },
      ],
    },
  },
);
