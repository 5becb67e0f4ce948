/**
 * Form drift (issue 24, 1): `tnl validate --demarche N` reads the démarche's active revision from
 * DS's API (a stand-in that validates every query against the published schema) and checks the
 * edition's questionnaire against it, every finding located at the questionnaire's line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyEditions, plain, root, tnl } from '../helpers/cli.js';
import { demarcheOf, descriptor, descriptorId, startStandIn, type StandIn, type StandInDemarche } from '../helpers/ds-stand-in.js';

const TOKEN = 'jeton-de-test';
let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

/** The line of a text in the 2024 questionnaire. */
const lineOf = (text: string) =>
  readFileSync(join(root, 'questionnaires', '2024.yaml'), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;

async function check(change: (d: StandInDemarche) => void, extra: string[] = []) {
  const d = demarcheOf(2024);
  change(d);
  standIn = await startStandIn([d], TOKEN);
  const r = await tnl(['validate', '--demarche', '1187', '--instance', standIn.url, ...extra], { env: { DS_API_TOKEN: TOKEN, TNL_FETCH_BACKOFF_MS: '5' } });
  return { ...r, stdout: plain(r.stdout), requests: standIn.requests };
}
const champ = (d: StandInDemarche, stableId: number) => d.activeRevision.champDescriptors.find((c) => c.id === descriptorId(stableId))!;

describe('tnl validate --demarche', () => {
  it('the live form as the questionnaire describes it: no error, the edition found by its démarche number, the query valid against DS’s schema', async () => {
    const r = await check(() => undefined);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/erreur|avertissement/);
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]).toMatchObject({ operationName: 'getDemarcheRevision', valid: true, errors: [], variables: { demarcheNumber: 1187 } });
  });

  it('a champ renamed in DS (same stable id): a warning at the question’s label, with what to add', async () => {
    const r = await check((d) => (champ(d, 4512302).label = 'Où en est votre plan d’action pour le libre ?'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `${lineOf("label: Où en est votre plan d'action en faveur du libre")}:\\d+ +avertissement +la question strategie\\.plan_action « Où en est votre plan d'action en faveur du libre \\? » : ce champ s’appelle maintenant « Où en est votre plan d’action pour le libre \\? »`,
      ),
    );
  });

  it('a champ replaced (new stable id, label changed): an error with the nearest label; exit 1', async () => {
    const r = await check((d) => {
      const c = champ(d, 4512302);
      c.id = descriptorId(4599999);
      c.label = 'Où en est votre plan d’action libre ?';
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /erreur +la question strategie\.plan_action « Où en est votre plan d'action en faveur du libre \? » : aucun champ de la démarche 1187 ne lui correspond \(ni le stable_id 4512302, ni le libellé\) ; ses réponses ne seraient pas lues\. Vouliez-vous dire « Où en est votre plan d’action libre \? » \?/,
    );
    expect(r.stdout).toMatch(
      /avertissement +le champ « Où en est votre plan d’action libre \? » \(liste déroulante, stable_id 4599999\) de la démarche 1187 n’est lu par aucune question/,
    );
  });

  it.each([
    ['TextChampDescriptor', 'avertissement', /est un champ texte court : ses réponses seront lues avec la règle des valeurs/, 0],
    ['CheckboxChampDescriptor', 'erreur', /est un champ case à cocher : ses réponses ne peuvent pas être lues ainsi/, 1],
    ['IntegerNumberChampDescriptor', undefined, undefined, 0],
  ])('a decimal question on a %s: %s', async (typename, severity, message, code) => {
    const stable = Number(
      /stable_id: (\d+)/.exec(readFileSync(join(root, 'questionnaires', '2024.yaml'), 'utf8').split('Part du budget informatique')[1]!)![1],
    );
    const r = await check((d) => (champ(d, stable).__typename = typename));
    expect(r.code).toBe(code);
    if (message)
      expect(r.stdout).toMatch(
        new RegExp(`${severity} +la question strategie\\.budget_libre .*est de type « decimal », mais le champ de la démarche 1187 ${message.source}`),
      );
    else expect(r.stdout).not.toMatch(/budget_libre/);
  });

  it('options: one removed from DS, one added in DS: both errors, located at the choices', async () => {
    const r = await check((d) => {
      const c = champ(d, 4512302);
      c.options = ["Pas de plan d'action", 'En préparation', 'Adopté', 'Adopté, évalué et publié'];
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `${lineOf('Adopté et évalué chaque année')}:\\d+ +erreur +la question strategie\\.plan_action .*choix « Adopté et évalué chaque année » : aucune option de la liste de la démarche 1187 ne lui correspond`,
      ),
    );
    expect(r.stdout).toMatch(
      /erreur +la question strategie\.plan_action .* : l’option « Adopté, évalué et publié » de la démarche 1187 n’est aucun des choix du questionnaire/,
    );
  });

  it('a champ added in DS that nothing reads: listed as a warning; --strict makes it fail', async () => {
    const add = (d: StandInDemarche) => d.activeRevision.champDescriptors.push(descriptor(4519999, 'integer', 'Nombre de serveurs sous GNU/Linux'));
    const r = await check(add);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /avertissement +le champ « Nombre de serveurs sous GNU\/Linux » \(nombre entier, stable_id 4519999\) de la démarche 1187 n’est lu par aucune question ni aucun champ d’identité du questionnaire/,
    );
    expect((await check(add, ['--strict'])).code).toBe(1);
  });

  it('every finding located in the four formats', async () => {
    const drop = (d: StandInDemarche) => (d.activeRevision.champDescriptors = d.activeRevision.champDescriptors.filter((c) => c.id !== descriptorId(4512302)));
    const json = JSON.parse((await check(drop, ['--format', 'json'])).stdout) as { findings: { file: string; line: number; ruleId: string }[] };
    const missing = json.findings.find((f) => f.ruleId === 'demarche/champ-missing')!;
    expect(missing).toMatchObject({ file: 'questionnaires/2024.yaml', line: lineOf("label: Où en est votre plan d'action en faveur du libre") });
    expect((await check(drop, ['--format', 'github'])).stdout).toMatch(/^::error file=questionnaires\/2024\.yaml,line=\d+,col=\d+/m);
    const cc = JSON.parse((await check(drop, ['--format', 'codeclimate'])).stdout) as { location: { path: string } }[];
    expect(cc.some((x) => x.location.path === 'questionnaires/2024.yaml')).toBe(true);
  });

  it('an annotation missing from the revision: an error; DS’s own annotations tnl does not read: information only', async () => {
    const r = await check((d) => {
      d.activeRevision.annotationDescriptors = [descriptor(4512950, 'text', 'Niveau proposé')];
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /erreur +l’annotation avis_rapporteur « Avis du rapporteur » : aucune annotation privée de la démarche 1187 ne lui correspond .*; elle ne serait pas lue\./,
    );
    expect(r.stdout).toMatch(/info +l’annotation privée « Niveau proposé » .* n’est lue par aucune annotation du questionnaire/);
  });

  it('an unknown démarche number, a refused token, a server error then an answer', async () => {
    standIn = await startStandIn([demarcheOf(2024)], TOKEN);
    const env = { DS_API_TOKEN: TOKEN, TNL_FETCH_BACKOFF_MS: '5' };
    const none = await tnl(['validate', '--demarche', '4242', '--instance', standIn.url], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/aucune édition ne nomme la démarche 4242 .*--edition ANNÉE/);
    const gone = await tnl(['validate', '--demarche', '4242', '--edition', '2024', '--instance', standIn.url], { env });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/Demarche not found/);
    const refused = await tnl(['validate', '--demarche', '1187', '--instance', standIn.url], { env: { ...env, DS_API_TOKEN: 'autre' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/jeton refusé par l’API/);
    expect(refused.stderr + refused.stdout).not.toContain('autre');
    standIn.faults.push({ kind: '500' }, { kind: 'cut' });
    const retried = await tnl(['validate', '--demarche', '1187', '--instance', standIn.url], { env });
    expect(retried.code).toBe(0);
    expect(retried.stderr).toMatch(/erreur du serveur \(500\) : nouvelle tentative \(2 sur 5\)/);
    expect(retried.stderr).toMatch(/réponse de l’instance http:\/\/127\.0\.0\.1:\d+ interrompue \(connexion coupée\) : nouvelle tentative \(3 sur 5\)/);
    expect(standIn.requests.filter((x) => x.authorization === `Bearer ${TOKEN}`).every((x) => x.valid)).toBe(true);
  });

  it('a request that hangs is retried after --idle-timeout; an answer with errors ends the command, said in French', async () => {
    standIn = await startStandIn([demarcheOf(2024)], TOKEN);
    const env = { DS_API_TOKEN: TOKEN, TNL_FETCH_BACKOFF_MS: '5' };
    standIn.faults.push({ kind: 'hang' });
    const r = await tnl(['validate', '--demarche', '1187', '--instance', standIn.url, '--idle-timeout', '0.5'], { env });
    expect(r.code).toBe(0);
    expect(plain(r.stderr)).toMatch(/n’a rien envoyé pendant 0,5 s .*: nouvelle tentative \(2 sur 5\)/);
    standIn.faults.push({ kind: 'errors', message: 'Le jeton n’a pas les droits sur cette démarche' });
    const e = await tnl(['validate', '--demarche', '1187', '--instance', standIn.url], { env });
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/jeton refusé par l’API|l’API a répondu par une erreur/);
  });
});

describe('tnl validate --demarche and the annotations tnl ds writes', () => {
  it('the ds section of tnl.config.yaml checked against the form: a missing annotation, a type tnl cannot write, located in the config', async () => {
    const dir = copyEditions();
    writeFileSync(
      join(dir, 'tnl.config.yaml'),
      'tnl: 1\nds:\n  annotations:\n    niveau_propose: Niveau proposé par tnl\n    total: Total tnl\n    volets:\n      strategie: Points stratégie\n',
    );
    const d = demarcheOf(2024);
    d.activeRevision.annotationDescriptors.push(
      descriptor(4512961, 'decimal', 'Total tnl'),
      descriptor(4512962, 'CheckboxChampDescriptor', 'Points stratégie'),
      descriptor(4512963, 'text', 'Niveau propose'),
    );
    standIn = await startStandIn([d], TOKEN);
    const r = await tnl(['validate', '--demarche', '1187', '--instance', standIn.url, '--root', dir], { env: { DS_API_TOKEN: TOKEN } });
    const out = plain(r.stdout);
    expect(r.code).toBe(1);
    expect(out).toMatch(
      /tnl\.config\.yaml\n\s+4:\d+ +erreur +ds\.annotations\.niveau_propose : la démarche 1187 n’a pas d’annotation privée « Niveau proposé par tnl » ; tnl ds annoter ne pourrait pas l’écrire\. Vouliez-vous dire « Niveau propose » \?/,
    );
    expect(out).toMatch(/7:\d+ +erreur +ds\.annotations\.volets\.strategie : l’annotation « Points stratégie » de la démarche 1187 est un champ case à cocher/);
    // What tnl writes is not « unread ».
    expect(out).not.toMatch(/« Total tnl » .*n’est lue par aucune annotation/);
  });
});

describe('tnl init --edition --demarche: the questionnaire from the live form', () => {
  it('each champ a question: kept ids, a renamed label with its old one as alias, a new question marked, a gone one taken out of the rubric; validate accepts the edition and the form', async () => {
    const d = demarcheOf(2025, 1450);
    const champs = d.activeRevision.champDescriptors;
    champs.find((c) => c.id === descriptorId(5120203))!.label = 'Utilisez-vous des formats ouverts pour vos documents ?';
    d.activeRevision.champDescriptors = champs.filter((c) => c.id !== descriptorId(5120202));
    const at = d.activeRevision.champDescriptors.findIndex((c) => c.id === descriptorId(5120203));
    d.activeRevision.champDescriptors.splice(at + 1, 0, descriptor(5120299, 'integer', 'Combien de serveurs tournent sous GNU/Linux ?', { required: true }));
    standIn = await startStandIn([d], TOKEN);
    const dir = copyEditions();
    const env = { DS_API_TOKEN: TOKEN, TNL_FETCH_BACKOFF_MS: '5' };
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--demarche', '1450', '--instance', standIn.url, '--root', dir], { env });
    expect(r.stderr).toMatch(
      /D’après le formulaire en ligne de la démarche 1450 : 9 questions reprises de 2025, 1 nouvelle \(pratiques\.serveurs_tournent_gnu : marquée « NOUVEAU », vérifiez son volet/,
    );
    expect(r.stderr).toMatch(/Absentes du formulaire : strategie\.mutualisation ; retiré du barème : les points de strategie\.mutualisation/);
    expect(r.code).toBe(0);
    const q = readFileSync(join(dir, 'questionnaires', '2026.yaml'), 'utf8');
    expect(q).toMatch(/^edition: 2026$/m);
    expect(q).toMatch(/demarche:\n {2}instance: http:\/\/127\.0\.0\.1:\d+\n {2}number: 1450/);
    expect(q).toMatch(
      /- id: pratiques\.formats_ouverts\n {4}volet: pratiques\n {4}label: Utilisez-vous des formats ouverts pour vos documents \?\n {4}type: yes_no\n {4}aliases:\n {6}- .+\n {4}stable_id: 5120203/,
    );
    expect(q).toMatch(
      /# NOUVEAU dans le formulaire : vérifiez son volet et son identifiant.*\n {2}- id: pratiques\.serveurs_tournent_gnu\n {4}volet: pratiques\n {4}label: Combien de serveurs tournent sous GNU\/Linux \?\n {4}type: integer\n {4}stable_id: 5120299\n {4}required: true/,
    );
    expect(q).not.toMatch(/strategie\.mutualisation/);
    const rubric = readFileSync(join(dir, 'rubrics', '2026.yaml'), 'utf8');
    expect(rubric).not.toMatch(/^ {2}strategie\.mutualisation:/m);
    expect(rubric).toMatch(/# Retiré du barème de 2025 \(questions absentes du formulaire de 2026\) : les points de strategie\.mutualisation\./);
    expect((await tnl(['validate', '--root', dir, '--edition', '2026'])).code).toBe(0);
    const drift = await tnl(['validate', '--root', dir, '--edition', '2026', '--demarche', '1450', '--instance', standIn.url], { env });
    expect(drift.stdout).not.toMatch(/erreur|avertissement/);
    expect(drift.code).toBe(0);
    expect(standIn.requests.every((x) => x.valid)).toBe(true);
    // Never twice.
    const again = await tnl(['init', '--edition', '2026', '--from', '2025', '--demarche', '1450', '--instance', standIn.url, '--root', dir], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/existe déjà/);
  });
});
