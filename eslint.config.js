// @ts-check
/**
 * ESLint flat config: typed linting for the rules that catch real bugs (unhandled promises, dead
 * variables, `any` leaking through the libs), not a style wall. Formatting is Prettier's job.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The bug-catching core rules shared by TypeScript and the few JavaScript config files. */
const coreRules = /** @type {const} */ ({
  eqeqeq: ['error', 'smart'],
  'no-fallthrough': 'error',
  'prefer-const': 'error',
  'no-debugger': 'error',
});

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'artifacts/**', '**/.data/**', 'coverage/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.eslintRecommended],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Each file is checked against the nearest tsconfig.json: the root one for the server,
        // libs, tests, benches and scripts; apps/web/tsconfig.json (DOM, bundler resolution) for
        // the web app. vite.config.ts belongs to apps/web/tsconfig.node.json, which the project
        // service does not pick by name, so it gets the default project.
        projectService: { allowDefaultProject: ['apps/web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...coreRules,
      // Promises: an unawaited or misplaced promise loses its rejection or its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',

      // Dead code.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],

      // `any` switches the type checker off; warned in apps, tests and benches, an error in libs.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // The JavaScript files: configs (jest, dependency-cruiser, this one) and node scripts.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: coreRules,
  },
);
