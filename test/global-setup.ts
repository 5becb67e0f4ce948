import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Tests run the built tnl (dist/), in process and as a binary: a build older than the sources
 * would test yesterday's code. Before any test, the build is checked against every source file
 * and the package file, and rebuilt when it is stale or missing (`npx vitest` after an edit).
 */
const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

export default function setup(): void {
  const stamp = join(root, 'dist', 'build-id');
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs, statSync(join(root, 'tsconfig.json')).mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  process.stderr.write('tnl: dist/ is older than src/, building it before the tests (npm run build)\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
