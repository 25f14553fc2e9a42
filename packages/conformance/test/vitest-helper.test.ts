import { defineConformanceSuite } from '../src/vitest.js';
import { fixtureOptions } from './helpers/fixtures.js';

// The vitest helper turns cases into tests: run a few against the correct fixture. (Were the
// helper or a case broken, these tests would fail.)
defineConformanceSuite({
  ...fixtureOptions('correct', { only: ['SWAP-001', 'REFRESH', 'ERR-003', 'SEC-005'] }),
  name: 'defineConformanceSuite against the correct fixture',
});

// A case that cannot run is skipped, not passed: no second deployment without a per-instance secret.
defineConformanceSuite({
  ...fixtureOptions('correct', { only: ['SEC-005'] }),
  spawn: {
    command: fixtureOptions('correct').spawn?.command ?? '',
    env: { ...fixtureOptions('correct').spawn?.env, GOOD_SEAL_SECRET: 'shared' },
  },
  name: 'defineConformanceSuite skips what cannot run',
});
