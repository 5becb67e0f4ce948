#!/usr/bin/env node
'use strict';
// Entry shim: runs the compiled CLI (one CommonJS file bundled by npm run build) with V8's code
// cache, or explains how to build it.
//
// Compiling tnl's code again on every run costs a third of a season's command (docs/speed.md).
// V8 can save what it compiled: after a first run of a command, the compiled code is kept in the
// user's cache folder (the folder of src/files/derived-cache.ts: TNL_CACHE_DIR, else
// XDG_CACHE_HOME/tnl, else ~/.cache/tnl; TNL_NO_CACHE=1 turns it off), one file per command and
// build and Node version (`code/<build id>-<Node version>-<V8 version>-<arch>-<command>.bin`), and
// later runs start from it. V8 refuses a cache that does not match the code, its own version or its
// flags, but not a damaged one (it crashes on it): each file starts with the SHA-256 of the Node
// version, V8 version and architecture that wrote it followed by the rest, checked before V8 sees
// it. A file of another Node (renamed, copied, or from a Node whose V8 kept its version number) is
// never used, even if V8 would take it. A refused or damaged file means compiling as without it,
// and writing the cache again. Nothing is ever written inside tnl's own folder, and any problem
// with the cache (unwritable folder, damaged file) only means compiling as without it.
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'bundle', 'tnl.cjs');

if (!existsSync(bundle)) {
  const modules = join(dist, 'cli', 'bin.js');
  if (!existsSync(modules)) {
    process.stderr.write('tnl : le programme n’est pas compilé. Lancez « npm run build » dans le dossier du projet.\n');
    process.exit(2);
  }
  // The compiled modules without the bundle (a build stopped before its last step).
  import(pathToFileURL(modules).href);
} else {
  run();
}

/** The folder of the compiled code, or undefined when the cache is off or tnl has no build id. */
function codeCacheFolder(env) {
  if (env.TNL_NO_CACHE) return undefined;
  const root = env.TNL_CACHE_DIR || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'tnl');
  return join(root, 'code');
}

function run() {
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = readFileSync(bundle, 'utf8');
  let buildId;
  try {
    buildId = readFileSync(join(dist, 'build-id'), 'utf8').trim().slice(0, 16);
  } catch {
    buildId = undefined;
  }
  const folder = buildId ? codeCacheFolder(process.env) : undefined;
  const command = /^[a-z]{1,20}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'tnl';
  const prefix = `${buildId}-`;
  const runtime = `${process.version}-${process.versions.v8}-${process.arch}`;
  const file = folder && join(folder, `${prefix}${runtime}-${command}.bin`);
  const { createHash } = require('node:crypto');
  // The seal covers the runtime that wrote the file: another Node's file never matches it.
  const digest = (bytes) => createHash('sha256').update(`${runtime}\n`).update(bytes).digest();
  let cachedData;
  if (file)
    try {
      const saved = readFileSync(file);
      const payload = saved.subarray(32);
      if (saved.length > 32 && digest(payload).equals(saved.subarray(0, 32))) cachedData = payload;
    } catch {
      cachedData = undefined;
    }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (file && (!cachedData || script.cachedDataRejected))
    // Saved when the command is over, with every function it compiled on the way.
    process.once('exit', () => {
      try {
        mkdirSync(folder, { recursive: true });
        // The caches of earlier builds go: one build's worth of files at most.
        for (const old of readdirSync(folder)) if (!old.startsWith(prefix)) rmSync(join(folder, old), { force: true });
        const partial = `${file}.${process.pid}.tmp`;
        const payload = script.createCachedData();
        writeFileSync(partial, Buffer.concat([digest(payload), payload]));
        renameSync(partial, file);
      } catch {
        // No cache this time: the next run compiles again.
      }
    });
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(join(dist, 'bundle'));
  const wrapper = script.runInThisContext();
  wrapper.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, join(dist, 'bundle'));
}
