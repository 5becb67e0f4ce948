import { guardStandardStreams } from './streams.js';
import { processIo } from './io.js';
import { main } from './main.js';

// The process's side of tnl: its streams guarded, its I/O given to main, its exit code set.
// No top-level await: the bundle built from this file is CommonJS (src/build/bundle.ts).
guardStandardStreams();
void main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
