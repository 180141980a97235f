/**
 * `npm run test:faults`: the built API against a MariaDB server of the suite's own that it kills,
 * stalls and restarts (test/faults/*.faults-spec.ts). Not part of `npm test`: it needs the MariaDB
 * server binaries and a build.
 */
const base = require('./jest.config.cjs');

module.exports = {
  ...base,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
