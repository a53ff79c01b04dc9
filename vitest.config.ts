import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Numbers are formatted for people; pin what formatting depends on.
    env: { TZ: 'UTC', LANG: 'nb_NO.UTF-8' },
    testTimeout: 60_000,
  },
});
