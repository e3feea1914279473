// Jest runs TypeScript through SWC (fast, no type check: `npm test` runs `tsc --noEmit` first).
// Some dependencies (webdav and its helpers) ship ESM only, so they are transformed too.
const esmPackages = [
  'webdav',
  'hot-patcher',
  'layerr',
  'path-posix',
  'url-join',
  'url-parse',
  'nested-property',
  'minimatch',
  'brace-expansion',
  'balanced-match',
  'fast-xml-parser',
  'strnum',
  'base-64',
  'byte-length',
  'charenc',
  'crypt',
  'md5',
  'entities',
  'node-fetch',
  'data-uri-to-buffer',
  'fetch-blob',
  'formdata-polyfill',
  'web-streams-polyfill',
  'is-buffer',
  'querystringify',
  'requires-port',
  '@buttercup/fetch',
  '@nodable/entities',
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'commonjs' },
      },
    ],
    '\\.txt$': '<rootDir>/test/support/text-transform.cjs',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json', 'txt'],
  // office-addin-mock (the Excel stand-in, test/office/excel-mock.ts) needs only the OfficeApp enum of
  // office-addin-manifest, whose entry point pulls in ESM-only packages: map the package to the enum's module.
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp' },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
