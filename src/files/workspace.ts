import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../findings/errors.js';
import type { Env } from '../util/env.js';
import { bundled } from './paths.js';

/**
 * The label's data: a folder of the staff's own repository holding `questionnaires/`, `rubrics/`,
 * `results/`, and optionally `templates/` (documents overridden file by file), the jury's decisions
 * and the press files. It is marked by a `tnl.config.yaml` (written by `tnl init`), or recognised
 * by its `questionnaires/` and `rubrics/` folders. Found, in this order: `--root`, `TNL_ROOT`, then
 * from the working directory upwards. Outside any workspace, tnl reads its bundled examples, read-only.
 */
export const CONFIG_FILE = 'tnl.config.yaml';

export interface Workspace {
  root: string;
  /** How it was found, for messages. */
  from: 'option' | 'env' | 'config' | 'folders';
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** The workspace a root folder is, if it looks like one. */
function looksLikeWorkspace(dir: string): 'config' | 'folders' | undefined {
  if (existsSync(join(dir, CONFIG_FILE))) return 'config';
  if (isDir(join(dir, 'questionnaires')) && isDir(join(dir, 'rubrics'))) return 'folders';
  return undefined;
}

/** The workspace of a run, or undefined for the bundled examples. */
export function findWorkspace(cwd: string, env: Env, option?: string): Workspace | undefined {
  const given = option ?? (env.TNL_ROOT ? env.TNL_ROOT : undefined);
  if (given !== undefined) {
    const root = resolve(cwd, given);
    if (!isDir(root)) throw new UsageError(`${option !== undefined ? '--root' : 'TNL_ROOT'} : ${given} n’est pas un dossier`);
    return { root, from: option !== undefined ? 'option' : 'env' };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const kind = looksLikeWorkspace(dir);
    if (kind) return { root: dir, from: kind };
    if (dirname(dir) === dir) return undefined;
  }
}

/** The templates a workspace overrides (its `templates/` folder), file by file; otherwise none. */
export function workspaceTemplates(ws: Workspace | undefined): string | undefined {
  return ws && isDir(join(ws.root, 'templates')) ? join(ws.root, 'templates') : undefined;
}

/** Whether a path is inside tnl's own installed package (under node_modules), where nothing is ever written. */
export function insideInstalledPackage(path: string): boolean {
  const pkg = resolve(bundled.questionnaires, '..');
  const inNodeModules = /[/\\]node_modules[/\\]/.test(pkg);
  const p = resolve(path);
  return inNodeModules && (p === pkg || p.startsWith(pkg + (pkg.endsWith('/') ? '' : '/')));
}
