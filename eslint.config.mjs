// ESLint (flat config): typescript-eslint's recommended rules for every TypeScript file, React's hooks rules for
// the task pane. Run by `npm test` (npm run lint). A rule switched off or down says why, on its line.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'templates/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // Control characters are matched on purpose: file names, sheet names and XML text are cleaned of them.
      'no-control-regex': 'off',
      // Chinese text legitimately holds the ideographic space (U+3000) in strings and patterns; code does not.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipRegExps: true, skipTemplates: true, skipComments: true },
      ],
      // `_`-prefixed parameters and variables are kept on purpose (an interface's signature, a skipped element).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The Excel stand-in's objects hand `this` to the proxies and closures they create.
    files: ['test/office/excel-mock.ts'],
    rules: { '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['fake'] }] },
  },
  {
    // Functions the benches and browser tests run inside the page (page.evaluate) see the browser's globals.
    files: ['bench/taskpane.bench.mjs'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', MutationObserver: 'readonly' } },
  },
  {
    // Node scripts, benches and CommonJS test helpers run in Node without a bundler.
    files: ['**/*.{mjs,cjs,js}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
        fetch: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: {
      // CommonJS files (jest config, test setup, the CLI's bin) load modules with require().
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
