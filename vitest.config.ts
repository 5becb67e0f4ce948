import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests run the built binary in child processes: allow for a loaded CI machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
