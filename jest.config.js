/** Unit tests live beside the code; integration tests talk to real services (see pipeline/test/integration/global-setup.ts). */
const tsJest = ['ts-jest', { diagnostics: false }];
/** Logs of the code under test go to .test-logs/<run>/<test file>.log; a failing test prints its own. */
const quietLogs = {
  testEnvironment: '<rootDir>/devtools/jest/log-environment.ts',
  setupFiles: ['<rootDir>/devtools/jest/route-logs.ts'],
};
/** @type {import('jest').Config} */
module.exports = {
  // A global option (jest ignores it inside a project): integration tests wait on real services.
  testTimeout: 120000,
  // A test that fails half-way can leave a Kafka client behind; CI must still end, not hang.
  forceExit: true,
  globalSetup: '<rootDir>/devtools/jest/log-run.ts',
  projects: [
    {
      displayName: 'unit',
      ...quietLogs,
      // `npm run build` writes dist/ (with a copy of package.json): never a place to look for modules.
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      transform: { '^.+\\.ts$': tsJest },
      testMatch: [
        '<rootDir>/pipeline/src/**/*.test.ts',
        '<rootDir>/api/src/**/*.test.ts',
        '<rootDir>/cli/src/**/*.test.ts',
        '<rootDir>/devtools/**/*.test.ts',
        '<rootDir>/ops/**/*.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '/ops/.stack/', '\\.int\\.test\\.ts$'],
    },
    {
      displayName: 'integration',
      ...quietLogs,
      // `npm run build` writes dist/ (with a copy of package.json): never a place to look for modules.
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      transform: { '^.+\\.ts$': tsJest },
      testMatch: [
        '<rootDir>/pipeline/test/**/*.int.test.ts',
        '<rootDir>/api/test/**/*.int.test.ts',
        '<rootDir>/ops/**/*.int.test.ts',
      ],
      globalSetup: '<rootDir>/pipeline/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/pipeline/test/integration/global-teardown.ts',
    },
  ],
};
