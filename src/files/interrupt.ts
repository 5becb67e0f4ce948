/**
 * What must be undone if the run is interrupted (Ctrl+C, SIGTERM): temp files being written, a
 * browser profile. On SIGINT or SIGTERM every cleanup runs, then tnl exits 130 or 143, as a shell
 * reports a command killed by that signal; nothing partial is left behind.
 */
const cleanups = new Set<() => void>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  const stop = (code: number) => () => {
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // Best effort: the next cleanup still runs.
      }
    }
    process.exit(code);
  };
  process.once('SIGINT', stop(130));
  process.once('SIGTERM', stop(143));
  process.once('SIGHUP', stop(129));
}

/** Registers a cleanup for an interruption; returns the function that unregisters it. */
export function onInterrupt(cleanup: () => void): () => void {
  hook();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
