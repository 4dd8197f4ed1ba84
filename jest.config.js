/** Jest in ESM mode: Nest 12 is ESM-only and jest's CommonJS mode cannot load it on Node 20. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/processes', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^#core$': '<rootDir>/libs/core/src/index.ts',
    '^#bpmn$': '<rootDir>/libs/bpmn/src/index.ts',
    '^#engine$': '<rootDir>/libs/engine/src/index.ts',
    '^#persistence$': '<rootDir>/libs/persistence/src/index.ts',
    '^#experiments$': '<rootDir>/libs/experiments/src/index.ts',
    '^#analytics$': '<rootDir>/libs/analytics/src/index.ts',
    '^#simulation$': '<rootDir>/libs/simulation/src/index.ts',
    '^#api-types$': '<rootDir>/libs/api-types/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60000,
};
