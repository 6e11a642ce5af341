/** Unit tests live beside the code; integration tests talk to real services (see pipeline/test/integration/global-setup.ts). */
const tsJest = ['ts-jest', { diagnostics: false }];
/** @type {import('jest').Config} */
module.exports = {
  // A global option (jest ignores it inside a project): integration tests wait on real services.
  testTimeout: 120000,
  // A test that fails half-way can leave a Kafka client behind; CI must still end, not hang.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
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
      testEnvironment: 'node',
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
