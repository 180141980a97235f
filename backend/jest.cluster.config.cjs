/**
 * `npm run test:cluster`: two built API processes on one MariaDB/MySQL database and Redis
 * (test/cluster/*.cluster-spec.ts). Not part of `npm test`: it needs both servers and a build.
 */
const base = require('./jest.config.cjs');

module.exports = {
  ...base,
  displayName: 'cluster',
  testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
