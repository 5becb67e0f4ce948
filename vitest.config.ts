import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The tests run the built tnl: the setup rebuilds dist/ when it is older than src/.
    globalSetup: ['test/global-setup.ts'],
    // A few tests still start the binary or Chromium: allow for a loaded CI machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
