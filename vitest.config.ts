import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // tnl packed and installed elsewhere: slow, run by `npm run test:installed` (and the CI).
    exclude: ['test/installed/**', 'node_modules/**'],
    // The tests run the built tnl: the setup rebuilds dist/ when it is older than src/.
    globalSetup: ['test/global-setup.ts'],
    // A few tests still start the binary or Chromium: allow for a loaded CI machine.
    testTimeout: 30_000,
    // Two workers on two cores: while one waits for Chromium or a child process, the other runs.
    maxWorkers: 2,
    // As many as at most: with fewer, Vitest 3.2 may end an idle worker that still owes a file its
    // result (« Terminating worker thread », vitest-dev/vitest#8133).
    minWorkers: 2,
    // Test files share a worker's modules: the built tnl, the INSEE index and the compiled schemas are
    // loaded once per worker, not once per file. Commands keep no state between runs (src/cli/main.ts
    // resets what a run configures), so nothing leaks from one file to the next.
    isolate: false,
    hookTimeout: 30_000,
  },
});
