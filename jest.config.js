/** Test tiers: unit (pure code), api (a real Strapi over HTTP), e2e (a real browser). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform: { '^.+\\.ts$': tsJest },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/', '<rootDir>/examples/'],
  ...extra,
});

module.exports = {
  // Booting Strapi and driving a browser take seconds, not milliseconds.
  testTimeout: 300000,
  projects: [
    tier('unit'),
    tier('api', { globalSetup: '<rootDir>/tests/api/global-setup.js' }),
    tier('e2e', { globalSetup: '<rootDir>/tests/e2e/global-setup.js' }),
  ],
};
