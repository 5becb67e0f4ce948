/**
 * The `ds:` section of the workspace's tnl.config.yaml: what tnl writes back to démarches
 * simplifiées and where. Read and checked here, every mistake located (file:line:column).
 *
 * ds:
 *   instructeur: label@adullact.org          # the instructor the token belongs to (e-mail or id)
 *   annotations:                             # the private annotation that receives each value, by its label
 *     niveau_propose: Niveau proposé par tnl
 *     total: Total tnl
 *     niveau_final: Niveau décidé par le jury
 *     volets: { strategie: Points stratégie }
 *   labels: { "5": Niveau 5 }                # a DS label per level (optional)
 *   message: presse/message-fiche.txt     # the text of `tnl ds envoyer` (Handlebars)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FindingsError, UsageError } from '../findings/errors.js';
import { findingAt, isRecord, type YamlSource } from '../util/yaml-source.js';
import { readYaml, displayPath } from './edition-files.js';
import { CONFIG_FILE } from './workspace.js';

export interface DsConfig {
  file: string;
  instructeur?: string;
  annotations: { niveau_propose?: string; total?: string; niveau_final?: string; volets: Record<string, string> };
  labels: Record<string, string>;
  message?: string;
}

const ANNOTATION_KEYS = ['niveau_propose', 'total', 'niveau_final', 'volets'];

/** The `ds:` section and its YAML source (for located findings), when the workspace's config has one. */
export function readDsConfig(root: string | undefined): { config: DsConfig; source: YamlSource } | undefined {
  const path = root ? join(root, CONFIG_FILE) : undefined;
  if (!path || !existsSync(path)) return undefined;
  const { source } = readYaml(path);
  if (!isRecord(source.data) || !isRecord(source.data.ds)) return undefined;
  return { config: checkDsConfig(source, displayPath(path)), source };
}

/** The `ds:` section of the workspace's config; a usage error says what to add when it is missing. */
export function loadDsConfig(root: string | undefined): DsConfig {
  const path = root ? join(root, CONFIG_FILE) : undefined;
  if (!path || !existsSync(path))
    throw new UsageError('pas de tnl.config.yaml dans l’espace de travail : « tnl init » le crée, puis ajoutez-y la section « ds: » (voir le README)');
  const { source } = readYaml(path);
  return checkDsConfig(source, displayPath(path));
}

export function checkDsConfig(source: YamlSource, file: string): DsConfig {
  const data = isRecord(source.data) ? source.data : {};
  const ds = data.ds;
  const findings: { file?: string; line?: number; column?: number; message: string }[] = [];
  const bad = (message: string, path: (string | number)[], key = false) => findings.push(findingAt(source, 'config/ds', message, path, { key }));
  if (!isRecord(ds))
    throw new UsageError(
      `${file} n’a pas de section « ds: » : elle dit quelles annotations privées reçoivent les résultats (voir le README, « Le retour vers démarches simplifiées »)`,
    );
  const text = (v: unknown, path: (string | number)[]) => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !v.trim()) {
      bad('attend un texte (le libellé tel que démarches simplifiées l’affiche)', path);
      return undefined;
    }
    return v.trim();
  };
  for (const k of Object.keys(ds))
    if (!['instructeur', 'annotations', 'labels', 'message'].includes(k))
      bad(`clé inconnue « ${k} » (instructeur, annotations, labels, message)`, ['ds', k], true);
  const a = isRecord(ds.annotations) ? ds.annotations : {};
  if (ds.annotations !== undefined && !isRecord(ds.annotations))
    bad('attend les annotations par ce qu’elles reçoivent : niveau_propose, total, niveau_final, volets', ['ds', 'annotations']);
  for (const k of Object.keys(a))
    if (!ANNOTATION_KEYS.includes(k)) bad(`clé inconnue « ${k} » (${ANNOTATION_KEYS.join(', ')})`, ['ds', 'annotations', k], true);
  const volets: Record<string, string> = {};
  if (a.volets !== undefined) {
    if (!isRecord(a.volets)) bad('attend le libellé de l’annotation de chaque volet : { strategie: Points stratégie }', ['ds', 'annotations', 'volets']);
    else for (const [k, v] of Object.entries(a.volets)) volets[k] = text(v, ['ds', 'annotations', 'volets', k]) ?? '';
  }
  const labels: Record<string, string> = {};
  if (ds.labels !== undefined) {
    if (!isRecord(ds.labels)) bad('attend le label de démarches simplifiées de chaque niveau : { "5": Niveau 5 }', ['ds', 'labels']);
    else for (const [k, v] of Object.entries(ds.labels)) labels[k] = text(v, ['ds', 'labels', k]) ?? '';
  }
  const named: Partial<Record<'niveau_propose' | 'total' | 'niveau_final', string>> = {};
  for (const k of ['niveau_propose', 'total', 'niveau_final'] as const) {
    const v = text(a[k], ['ds', 'annotations', k]);
    if (v) named[k] = v;
  }
  const config: DsConfig = { file, annotations: { ...named, volets }, labels };
  const instructeur = text(ds.instructeur, ['ds', 'instructeur']);
  if (instructeur) config.instructeur = instructeur;
  const message = text(ds.message, ['ds', 'message']);
  if (message) config.message = message;
  if (findings.length) throw new FindingsError(`section « ds: » de ${file} invalide :`, findings);
  return config;
}
