/** Nest 12 ships ESM only; @swc/jest compiles both our TypeScript and those packages to CommonJS. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  displayName: 'backend',
  rootDir: __dirname,
  testEnvironment: 'node',
  // The Redis suites need a Redis server: they run when REDIS_URL is set (CI always sets it).
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    ...(process.env.REDIS_URL ? ['<rootDir>/test/redis/**/*.redis-spec.ts'] : []),
  ],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|content-disposition|cookie|@fastify/cookie|ical-generator|ical.js|@otplib|@scure/base|@noble/hashes|sql-template-tag)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 30000,
  maxWorkers: 2,
};
