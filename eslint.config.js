// Lint rules (STYLE.md "Imports", "Exhaustiveness"): typescript-eslint's recommended set, named
// exports only, `import type` where possible, no `any` without saying why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'test/__generated__/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' },
      ],
    },
  },
  {
    // These tests read raw provider JSON, whose shape is what they assert.
    files: ['test/emulators/**', 'test/fixtures/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['jest.config.js', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // class-validator's entry point loads every validator it has (7.7 MiB of resident memory);
    // src/util/class-validator.ts loads the few we use (docs/performance.md "Round 3").
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/util/class-validator.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              allowTypeImports: true,
              message:
                'Import from src/util/class-validator.ts: the entry point loads every validator.',
            },
          ],
        },
      ],
    },
  },
  {
    // The emulators are the clients' check (issue 10): each one states the provider's facts
    // (signature, time format, wire shapes) on its own, from docs/reference/providers.md, so a
    // client bug cannot be mirrored by the emulator that should catch it. The wiring that picks
    // an emulator by provider descriptor lives outside (src/providers/start-emulator.ts,
    // src/scripts/emulator-cli.ts).
    files: ['src/emulators/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/providers', '**/providers/**'],
              message:
                'Emulators must not import client code (src/providers/): state the fact in the emulator, citing docs/reference/providers.md.',
            },
          ],
        },
      ],
    },
  },
);
