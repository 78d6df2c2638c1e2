/**
 * Tests run compiled (`npm run build:test` writes dist-test/) on jest-light-runner, in plain
 * Node without Jest's module sandbox: NestJS 12, Apollo Server 5 and oidc-provider are ESM-only,
 * and loading them through Jest's sandboxed `require` puts them in another realm than the test
 * code (`Boolean !== Boolean`, two copies of graphql), which breaks schema building and
 * instanceof checks. Unit specs live beside the code (*.spec.ts), static checks of the code base in
 * test/static/ (*.static-spec.ts, no services needed), integration specs in test/ (*.e2e-spec.ts).
 */
const base = { runner: 'jest-light-runner', testEnvironment: 'node', rootDir: __dirname };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/dist-test/{apps,libs,test/bench}/**/*.spec.js'] },
    // Checks of the code base itself (library graph, table ownership, the contract, dependencies,
    // the lockfile, publiccode.yml): no PostgreSQL, no Redis, no IdP.
    { ...base, displayName: 'static', testMatch: ['<rootDir>/dist-test/test/static/**/*.static-spec.js'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/dist-test/test/**/*.e2e-spec.js'],
      globalSetup: '<rootDir>/dist-test/test/support/global-setup.js',
      globalTeardown: '<rootDir>/dist-test/test/support/global-teardown.js',
    },
  ],
};
