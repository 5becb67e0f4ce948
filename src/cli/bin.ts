import { guardStandardStreams } from './streams.js';
import { processIo } from './io.js';
import { main } from './main.js';

// The process's side of tnl: its streams guarded, its I/O given to main, its exit code set.
guardStandardStreams();
process.exitCode = await main(process.argv.slice(2), processIo());
