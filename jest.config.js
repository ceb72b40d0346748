// Unit tests sit beside the code (src, *.spec.ts); end-to-end tests in test/ (*.e2e-spec.ts) boot the real application.
const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-logs.ts'],
};

module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: '.',
      // the browser code's pure logic is tested under test/web (src/web/client is not part of the server's program)
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/web/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', rootDir: '.', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
