/**
 * Incremental fetch (issue 24, 2): `tnl fetch --since` merges what changed into the export already
 * there (DS's updatedSince), drops and says the dossiers deleted since, says those passed back
 * « en construction »; an interrupted download goes on from where it stopped; the file is byte for
 * byte that of a full download made at the same moment. Against the stand-in of DS's API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tnl } from '../helpers/cli.js';
import { demarcheOf, exportDossiers, startStandIn, type StandIn } from '../helpers/ds-stand-in.js';

const TOKEN = 'jeton-fetch-77';
let ds: StandIn;
beforeEach(async () => {
  const d = demarcheOf(2024);
  d.dossiers = exportDossiers();
  ds = await startStandIn([d], TOKEN);
});
afterEach(async () => ds.close());

const fetch = (out: string, ...extra: string[]) =>
  tnl(['fetch', '--demarche', '1187', '--instance', ds.url, '--out', out, ...extra], {
    env: { DS_API_TOKEN: TOKEN, TNL_FETCH_BACKOFF_MS: '5', TNL_FETCH_PAGE_SIZE: '10' },
  });

/** Changes made in DS after the first download: one dossier edited, one back « en construction », one deleted, one new. */
function changeDs(): void {
  const d = ds.demarches.get(1187)!;
  const later = '2024-11-20T09:00:00+01:00';
  const edited = d.dossiers.find((x) => x.number === 118357)!.node!;
  const champs = edited.champs as { label: string; stringValue: string | null }[];
  champs.find((c) => c.label === 'Nom de la collectivité')!.stringValue = 'Ville de Colomiers (modifié)';
  edited.dateDerniereModification = later;
  const back = d.dossiers.find((x) => x.number === 118391)!;
  back.state = 'en_construction';
  back.node!.state = 'en_construction';
  back.node!.dateDerniereModification = later;
  const gone = d.dossiers.findIndex((x) => x.number === 118408);
  const [removed] = d.dossiers.splice(gone, 1);
  d.deleted.push({ id: removed!.id, number: removed!.number, state: removed!.state, dateSupression: later, reason: 'user_request' });
  const fresh = structuredClone(d.dossiers[0]!);
  fresh.number = 119999;
  fresh.id = Buffer.from('Dossier-119999').toString('base64');
  fresh.node = { ...fresh.node!, number: 119999, id: fresh.id, dateDerniereModification: later };
  d.dossiers.push(fresh);
}

describe('tnl fetch --since', () => {
  it('merges the changes: the same bytes as a full download made at the same moment; deletions and dossiers back in construction said', async () => {
    const dir = tempDir();
    const merged = join(dir, 'dossiers.json');
    expect((await fetch(merged)).code).toBe(0);
    changeDs();
    const r = await fetch(merged, '--since', '2024-11-10');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dossier 118408 supprimé dans démarches simplifiées \(user_request\) : retiré de l’export/);
    expect(r.stderr).toMatch(/dossier 118391 repassé en construction : il n’est plus noté/);
    expect(r.stderr).toMatch(/3 dossiers modifiés depuis 2024-11-10T00:00:00\+01:00, 1 dossier supprimé ; 27 dossiers dans/);
    const full = join(dir, 'complet.json');
    expect((await fetch(full)).code).toBe(0);
    expect(readFileSync(merged).equals(readFileSync(full))).toBe(true);
    expect(readFileSync(merged, 'utf8')).toContain('Ville de Colomiers (modifié)');
    // The query asked DS for the changes only.
    expect(ds.requests.filter((x) => x.operationName === 'getDemarche' && x.variables.updatedSince === '2024-11-10T00:00:00+01:00')).toHaveLength(1);
    expect(ds.requests.every((x) => x.valid)).toBe(true);
    // The merged export is read by the other commands.
    expect((await tnl(['score', merged, '--edition', '2024', '--format', 'json'])).code).toBeLessThan(2);
  });

  it('needs the export it updates, of the same démarche; a date it can read', async () => {
    const dir = tempDir();
    expect((await fetch(join(dir, 'absent.json'), '--since', '2024-11-10')).stderr).toMatch(/--since met à jour un export existant/);
    expect((await fetch(join(dir, 'x.json'), '--since', '10/11/2024')).stderr).toMatch(/--since attend une date/);
  });

  it('an interrupted download goes on from where it stopped, to the same bytes', async () => {
    const dir = tempDir();
    const out = join(dir, 'dossiers.json');
    // Page 1 goes through; then every attempt at page 2 fails: the download stops, its place kept beside the file.
    ds.faults.push(
      ...Array.from({ length: 5 }, () => ({
        kind: '500' as const,
        op: 'getDemarche',
        when: (v: Record<string, unknown>) => v.after === Buffer.from('10').toString('base64'),
      })),
    );
    const first = await fetch(out);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/relancez la même commande pour reprendre \(.*dossiers\.json\.reprise\.json\)/);
    expect(existsSync(`${out}.reprise.json`)).toBe(true);
    expect(existsSync(out)).toBe(false);
    const before = ds.requests.length;
    const again = await fetch(out);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/reprise du téléchargement interrompu après la page 1 \(10 dossiers déjà reçus\)/);
    expect(ds.requests.slice(before).map((x) => x.variables.after)).toEqual([Buffer.from('10').toString('base64'), Buffer.from('20').toString('base64')]);
    expect(existsSync(`${out}.reprise.json`)).toBe(false);
    const full = join(dir, 'complet.json');
    expect((await fetch(full)).code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(full))).toBe(true);
  });
});
