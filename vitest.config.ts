import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Numbers are formatted for people; pin what formatting depends on.
    // Every in-process CLI run gets a fresh embedded database, so test files never share one.
    env: { TZ: 'UTC', LANG: 'nb_NO.UTF-8', RESTVERDI_DB: ':memory:', DATABASE_URL: '' },
    testTimeout: 60_000,
    // expect.poll waits for pages and servers; 1 s (Vitest's default) is too short on a loaded CI machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
