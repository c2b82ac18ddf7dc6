/** Test tiers: unit (pure code), api (a real Strapi over HTTP), e2e (a real browser). */
const tsJest = ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.test.json' }];

const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform: { '^.+\\.ts$': tsJest },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
  ...extra,
});

module.exports = {
  projects: [
    tier('unit'),
    tier('api', { globalSetup: '<rootDir>/tests/api/global-setup.js', testTimeout: 120000 }),
    tier('e2e', { testTimeout: 300000 }),
  ],
};
