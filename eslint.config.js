// Lint: type-aware rules plus the layer boundaries of docs/architecture.md.
// shared/ is the pure core (only zod); renderer/, electron/ and server/ import shared/ but never
// each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS =
  '^(node:|fs$|path$|os$|crypto$|child_process$|http$|https$|net$|url$|util$|stream$|events$)';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'release/', '.ci-out/', 'build/stub-electron/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'No default exports: name things.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|\\.)',
              message: 'shared/ is pure: it may import only zod and other shared/ modules.',
            },
            {
              regex: '^(\\.\\./)+(renderer|electron|server|test|bench)(/|$)',
              message: 'shared/ may not import the shells.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(electron|server)(/|$)',
              message: 'renderer/ may not import electron/ or server/: meet through shared/.',
            },
            { regex: NODE_BUILTINS, message: 'renderer/ runs in the browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(renderer|server)(/|$)',
              message: 'electron/ may not import renderer/ or server/: meet through shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(renderer|electron)(/|$)',
              message: 'server/ may not import renderer/ or electron/: meet through shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.config.{js,ts}', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
