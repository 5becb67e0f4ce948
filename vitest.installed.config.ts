import { defineConfig } from 'vitest/config';

// npm run test:installed: tnl packed, installed in a temporary folder and used there (slow: npm pack and install).
export default defineConfig({
  test: {
    include: ['test/installed/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 300_000,
  },
});
