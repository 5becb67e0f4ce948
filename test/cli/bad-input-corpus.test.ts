/**
 * The bad-input corpus (test/corpus/): every file is a mistake a person could make. Each case
 * asserts the exit code, a French message that names the place, no stack trace, and that no
 * output file was created or changed.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, tempDir, tnl } from '../helpers/cli.js';

interface Case {
  file: string;
  code: number;
  /** What the message says, and where (file:line[:col], or the dossier number). */
  message: RegExp;
}

const Y = (file: string, code: number, message: RegExp): Case => ({ file, code, message });
const cases: Case[] = [
  // YAML that cannot be read: exit 2, line and column.
  Y('yaml-tab-indent.yaml', 2, /yaml-tab-indent\.yaml:56:1 : YAML invalide : tabulation utilisée pour l’indentation/),
  Y('yaml-unclosed-flow.yaml', 2, /yaml-unclosed-flow\.yaml:56:29 : YAML invalide/),
  Y('yaml-duplicate-key.yaml', 2, /yaml-duplicate-key\.yaml:57:3 : YAML invalide : clé en double/),
  Y('yaml-bad-indent.yaml', 2, /yaml-bad-indent\.yaml:\d+:\d+ : YAML invalide/),
  Y('yaml-binary.yaml', 2, /yaml-binary\.yaml : fichier binaire/),
  Y('yaml-empty.yaml', 1, /1:1 +erreur +type de fichier non reconnu/),
  // Rubric: schema and consistency, exit 1, line:column.
  Y('rubric-string-for-number.yaml', 1, /50:33 +erreur +questions\.strategie\.elu_delegue\.yes : doit être un nombre, pas le texte « trois »/),
  Y('rubric-unknown-key.yaml', 1, /14:1 +erreur +le document : propriété inconnue « decimal »\. Vouliez-vous dire « decimals »/),
  Y('rubric-gap.yaml', 1, /21:\d+ +erreur +trou entre les strates « c2 » et « c3 » : de 20 000 à 25 000 habitants/),
  Y('rubric-overlap.yaml', 1, /25:\d+ +erreur +les strates « e1 » et « e2 » se chevauchent de 40 000 à 50 000 habitants/),
  Y('rubric-threshold-order.yaml', 1, /112:\d+ +erreur +le seuil du niveau « 3 » \(40\) doit dépasser celui du niveau « 2 » \(45\)/),
  Y(
    'rubric-unknown-question.yaml',
    1,
    /80:3 +erreur +la question « logiciels\.comptoire » n’existe pas dans le questionnaire\. Vouliez-vous dire « logiciels\.comptoir »/,
  ),
  Y('rubric-unknown-choice.yaml', 1, /59:\d+ +erreur +l’option « toujour » n’existe pas .* Vouliez-vous dire « toujours »/),
  Y('rubric-no-levels.yaml', 1, /erreur +le document : la propriété obligatoire « levels » manque/),
  Y('rubric-negative-points.yaml', 1, /65:\d+ +erreur +questions\.pratiques\.dpo\.yes : doit être supérieur ou égal à 0, pas -2/),
  Y('rubric-two-ways.yaml', 1, /65:\d+ +erreur +questions\.pratiques\.dpo : doit définir exactement une façon de compter les points/),
  Y('rubric-unknown-stratum.yaml', 1, /111:\d+ +erreur +strate inconnue « c9 »/),
  Y('rubric-unreachable-gate.yaml', 1, /126:\d+ +erreur +la condition exige 9 options cochées alors que « strategie\.enjeux » n’en propose que 6/),
  // Questionnaire.
  Y('questionnaire-unknown-type.yaml', 1, /103:11 +erreur +questions\[0\]\.type : valeur « oui_non » non autorisée/),
  Y('questionnaire-choices-on-yes-no.yaml', 1, /118:5 +erreur +questions\[2\] : seules les questions à choix .* ont des options/),
  Y('questionnaire-duplicate-id.yaml', 1, /123:9 +erreur +la question « strategie\.schema_directeur » est déclarée deux fois/),
  Y('questionnaire-unknown-volet.yaml', 1, /191:12 +erreur +volet inconnu « pratique » .* Vouliez-vous dire « pratiques »/),
  // Results archive.
  Y('results-level-out-of-scale.yaml', 1, /184:12 +erreur +niveau « 7 » hors de l’échelle de l’édition 2024/),
  Y('results-duplicate.yaml', 1, /189:11 +erreur +« Ville de Boé » figure deux fois parmi les lauréats/),
  Y('results-bad-code.yaml', 1, /201:11 +erreur +laureates\[23\]\.code : « 3815 » n’a pas la forme attendue : un code INSEE/),
  // Exports (tnl inspect --strict).
  Y('csv-empty.csv', 2, /csv-empty\.csv : fichier vide/),
  Y('csv-only-bom.csv', 2, /csv-only-bom\.csv : fichier vide/),
  Y('csv-header-only.csv', 0, /avertissement +aucun dossier dans le fichier/),
  Y('csv-unbalanced-quote.csv', 2, /csv-unbalanced-quote\.csv:3 : CSV invalide : guillemet ouvert jamais refermé/),
  Y('csv-missing-number-column.csv', 1, /1:1 +erreur +aucune colonne de numéro de dossier/),
  Y('csv-missing-required.csv', 1, /1:1 +erreur +aucune colonne pour la question obligatoire « logiciels\.bureautique »/),
  Y('csv-duplicate-dossier.csv', 1, /3:1 +erreur +dossier 118340 en double \(déjà ligne 2\)/),
  Y(
    'csv-bad-choice.csv',
    1,
    /2:11 +erreur +dossier 118340, « Quelle suite bureautique est installée sur les postes \? » : réponse « Une suite libre \(LibreOfice\) » hors des options .* Vouliez-vous dire « Une suite libre uniquement \(LibreOffice\) »/,
  ),
  Y('csv-bad-number.csv', 1, /2:13 +erreur +dossier 118340, « Combien de jeux de données avez-vous publiés \? » : « beaucoup » n’est pas un nombre/),
  Y('csv-negative-population.csv', 1, /2:6 +erreur +dossier 118340, « Nombre d'habitants » : population « -5 » invalide/),
  Y(
    'csv-unknown-kind.csv',
    1,
    /2:4 +erreur +dossier 118340, « Type de collectivité » : type de collectivité « Comune » inconnu\. Vouliez-vous dire « Commune »/,
  ),
  Y('csv-unknown-state.csv', 1, /2:2 +erreur +dossier 118340, « État du dossier » : état de dossier « Validé » inconnu/),
  Y('csv-binary.csv', 2, /csv-binary\.csv : fichier binaire/),
  Y('csv-ragged-rows.csv', 0, /2:1 +avertissement +10 valeurs au lieu de 12/),
  Y(
    'csv-bad-boolean.csv',
    1,
    /2:7 +erreur +dossier 118340, « La collectivité a-t-elle adopté une délibération en faveur des logiciels libres \? » : réponse « peut-être » illisible pour une question oui\/non/,
  ),
  Y('csv-utf16.csv', 0, /1 lu, 1 retenu pour la notation/),
  Y('csv-cp1252-semicolon.csv', 0, /Format : CSV, Windows-1252, séparateur point-virgule/),
  Y('csv-huge-line-count.csv', 0, /3 lus, 3 retenus pour la notation/),
  Y('json-truncated.json', 2, /json-truncated\.json:\d+ : JSON invalide : le fichier s’arrête au milieu/),
  Y('json-wrong-shape.json', 2, /json-wrong-shape\.json : JSON inattendu : ni réponse de l’API/),
  Y('json-not-dossiers.json', 2, /json-not-dossiers\.json : JSON inattendu : l’élément 1 de la liste n’est pas un dossier/),
  Y('json-graphql-errors.json', 2, /json-graphql-errors\.json : réponse d’erreur de l’API : Demarche not found/),
  Y('json-bad-state.json', 1, /erreur +dossier 118340 : état de dossier « valide » inconnu/),
  Y('json-duplicate-number.json', 1, /erreur +dossier 118340 en double/),
  // Jury decisions (tnl score --decisions).
  Y('decisions-unknown-dossier.yaml', 2, /decisions-unknown-dossier\.yaml:3:14 : dossier 999999 inconnu dans l’export/),
  Y('decisions-missing-reason.yaml', 2, /decisions-missing-reason\.yaml:3:5 : le dossier 118357 change de niveau : la raison \(reason\) est obligatoire/),
  Y('decisions-bad-level.yaml', 2, /decisions-bad-level\.yaml:4:12 : niveau « Or » hors de l’échelle de l’édition 2024/),
  Y('decisions-wrong-edition.yaml', 2, /decisions-wrong-edition\.yaml:1:10 : ces décisions sont celles de l’édition 2023, pas de 2024/),
  Y('decisions-broken.yaml', 2, /decisions-broken\.yaml:4:\d+ : YAML invalide/),
  Y('decisions-unknown-key.yaml', 2, /decisions-unknown-key\.yaml:4:5 : decisions\[0\] : propriété inconnue « niveau »/),
  // Press data (tnl report communique --press).
  Y('press-bad-date.yaml', 2, /press-bad-date\.yaml:4:9 : release\.date : « 10 décembre 2024 » n’a pas la forme attendue : une date AAAA-MM-JJ/),
  Y('press-no-contacts.yaml', 2, /press-no-contacts\.yaml:5:11 : contacts : doit contenir au moins 1 élément/),
  Y('press-wrong-edition.yaml', 2, /press-wrong-edition\.yaml:1:10 : ce fichier est celui de l’édition 2023, pas de 2024/),
  Y('press-unknown-key.yaml', 2, /press-unknown-key\.yaml:5:1 : le document : propriété inconnue « contact »\. Vouliez-vous dire « contacts »/),
];

function command(file: string, out: string): string[] {
  const path = join('test', 'corpus', file);
  if (/^(yaml|rubric|questionnaire|results)-/.test(file)) return ['validate', path];
  if (/^(csv|json)-/.test(file)) return ['inspect', path, '--edition', '2024'];
  if (file.startsWith('decisions-')) return ['score', 'fixtures/ds-2024.json', '--edition', '2024', '--decisions', path, '--format', 'json', '--out', out];
  return ['report', 'communique', '--edition', '2024', '--press', path, '--out', out];
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('the bad-input corpus', () => {
  it('has at least 40 files, each with a case', async () => {
    const files = readdirSync(join(root, 'test', 'corpus')).sort();
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(cases.map((c) => c.file).sort()).toEqual(files);
  });

  it.each(cases)('$file → exit $code', async ({ file, code, message }) => {
    const out = join(tempDir(), 'sortie');
    const before = sha(join(root, 'test', 'corpus', file));
    const r = await tnl(command(file, out));
    expect(r.code, r.stdout + r.stderr).toBe(code);
    expect(r.stdout + r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|TypeError|erreur interne/);
    expect(existsSync(out)).toBe(false);
    expect(sha(join(root, 'test', 'corpus', file))).toBe(before);
  });
});
