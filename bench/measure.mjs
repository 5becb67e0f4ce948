// Runs one tnl command in this process and reports its wall time and peak memory (maxRSS) as JSON
// on fd 3: node bench/measure.mjs <tnl arguments…>
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const start = performance.now();
process.argv = [process.argv[0], 'tnl', ...process.argv.slice(2)];
process.on('exit', (code) => {
  const usage = process.resourceUsage();
  writeSync(
    3,
    JSON.stringify({ ms: performance.now() - start, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024, code }) + '\n',
  );
});
await import('../dist/cli/bin.js');
