/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The script of the self-assessment page (bundled by src/build/bundle-simulator.ts into the page
// that `tnl simulateur` writes). It reads the form, scores it with tnl's own scoring code — the
// same functions as `tnl score` — and shows the result. It makes no request: the page's
// Content-Security-Policy forbids all of them. Answers are kept in localStorage only when the
// applicant asks for it.
import { threshold } from '../edition/rubric.js';
import type { Question } from '../edition/types.js';
import { describeChange } from '../output/answer-text.js';
import { levelWords } from '../output/scores/view.js';
import { assignLevel, indexEdition, scoreDossier } from '../scoring/score.js';
import type { ScoreCard } from '../scoring/types.js';
import { capitalise, count, frNumber, typography } from '../util/french.js';
import { exportAnswers, formDossier, type FormState, type SimulatorData } from './model.js';

const data = JSON.parse(document.getElementById('tnl-data')!.textContent!) as SimulatorData;
const { edition } = data;
const index = indexEdition(edition);
const questions = new Map(edition.questionnaire.questions.map((x) => [x.id, x]));
const form = document.getElementById('simulateur') as HTMLFormElement;
const headline = document.getElementById('annonce')!;
const detail = document.getElementById('detail')!;
const keep = document.getElementById('f-keep') as HTMLInputElement;
const banner = document.getElementById('bandeau')!;
const STORAGE = `tnl-simulateur-${data.year}`;

const field = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** An element with French text (typography applied) and optional class. */
function el(tag: string, text?: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = typography(text);
  if (className) e.className = className;
  return e;
}

function questionFields(): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>('[data-question]')];
}

function readForm(): FormState {
  const answers: FormState['answers'] = {};
  for (const input of questionFields()) {
    const id = input.dataset.question!;
    const question = questions.get(id);
    if (question?.type === 'multiple_choice') {
      const ticked = (answers[id] as string[] | undefined) ?? [];
      if (input.checked) ticked.push(input.value);
      answers[id] = ticked;
    } else if (input.type === 'checkbox') answers[id] = input.checked ? 'oui' : '';
    else answers[id] = input.value;
  }
  return {
    name: field<HTMLInputElement>('f-name').value,
    kind: field<HTMLSelectElement>('f-kind').value,
    population: field<HTMLInputElement>('f-population').value,
    answers,
  };
}

function writeForm(state: FormState): void {
  field<HTMLInputElement>('f-name').value = state.name ?? '';
  field<HTMLSelectElement>('f-kind').value = state.kind ?? '';
  field<HTMLInputElement>('f-population').value = state.population ?? '';
  for (const input of questionFields()) {
    const value = state.answers?.[input.dataset.question!];
    if (input.type === 'checkbox') input.checked = Array.isArray(value) ? value.includes(input.value) : value === 'oui';
    else input.value = typeof value === 'string' ? value : '';
  }
}

const points = (n: number) => `${frNumber(n)} point${Math.abs(n) >= 2 ? 's' : ''}`;

function showQuestionPoints(card: ScoreCard | undefined): void {
  const byId = new Map(card?.questions.map((x) => [x.id, x]));
  for (const p of form.querySelectorAll<HTMLElement>('.points')) {
    const score = byId.get(p.id.slice('p-q-'.length));
    p.textContent = !score
      ? ''
      : score.status === 'not_applicable'
        ? typography('Ne compte pas pour votre strate.')
        : typography(`${frNumber(score.points)} sur ${points(score.max)}`);
  }
}

function showProblems(problems: { question: string; message: string }[]): void {
  for (const p of form.querySelectorAll<HTMLElement>('.problem')) {
    const problem = problems.find((x) => `e-q-${x.question}` === p.id);
    p.hidden = !problem;
    p.textContent = problem ? typography(capitalise(problem.message)) : '';
    const input = field<HTMLInputElement>(p.id.slice(2));
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

function levelName(id: string | undefined): string {
  return capitalise(levelWords(edition, id, 'aucun niveau'));
}

/** A question whose empty answer leaves the dossier unscored, as in `scoreDossier`. */
function missingIfEmpty(id: string): boolean {
  const question = questions.get(id);
  return Boolean(question?.required && question.type !== 'multiple_choice' && question.type !== 'checkbox');
}

/** A level after « atteindre » : « le niveau 4 (politique volontariste) », « le label Argent », « le Badge ». */
function levelPhrase(id: string): string {
  const level = edition.rubric.levels.find((l) => l.id === id);
  if (!level) return id;
  return edition.rubric.scale === 'niveaux' ? `le ${levelWords(edition, id, id)}` : `le ${level.title}`;
}

function label(id: string): string {
  return (questions.get(id) as Question | undefined)?.label ?? id;
}

function render(card: ScoreCard | undefined, state: FormState): void {
  detail.replaceChildren();
  const result = document.getElementById('resultat')!;
  if (!card) {
    result.removeAttribute('data-level');
    result.removeAttribute('data-total');
    headline.textContent = typography('Indiquez le type de collectivité et sa population pour commencer.');
    return;
  }
  result.dataset.level = card.level?.id ?? '';
  result.dataset.total = String(card.total);
  const who = [state.name.trim() || 'Votre collectivité', card.stratum ? `strate « ${card.stratum.label} »` : ''].filter(Boolean).join(', ');
  detail.append(el('p', who, 'who'));
  if (card.notScored) {
    const missing = card.questions.filter((x) => x.status === 'unanswered' && missingIfEmpty(x.id)).map((x) => label(x.id));
    if (!card.stratum || !missing.length) {
      headline.textContent = typography(`Estimation impossible : ${card.notScored}.`);
      return;
    }
    // As `tnl score` says it: no level while a required answer is missing; the total so far is shown.
    headline.textContent = typography(`Pas encore de niveau : ${count(missing.length, 'réponse obligatoire manque', 'réponses obligatoires manquent')}.`);
    const list = el('ul', undefined, 'missing');
    for (const m of missing) list.append(el('li', m));
    detail.append(el('h3', 'À compléter'), list);
    const soFar = assignLevel(edition.rubric.levels, card.stratum.id, card.total, card.gates).level;
    const reached = soFar ? levelPhrase(soFar.id) : 'aucun niveau';
    detail.append(
      el(
        'p',
        data.withoutPoints
          ? `Avec les réponses déjà données : ${reached}.`
          : `Avec les réponses déjà données : ${frNumber(card.total)} sur 100, soit ${reached}.`,
        'note',
      ),
    );
    return;
  }
  const total = data.withoutPoints ? '' : ` Total : ${frNumber(card.total)} sur 100.`;
  headline.textContent = typography(
    card.level ? `Estimation : ${levelWords(edition, card.level.id, '')}.${total}` : `Aucun niveau atteint pour l’instant.${total}`,
  );

  // The volets: their sub-scores and weights (none of it without points).
  if (!data.withoutPoints) {
    const list = el('ul', undefined, 'volets');
    for (const v of card.volets) {
      const volet = edition.questionnaire.volets.find((x) => x.id === v.id)!;
      const item = el('li');
      const percent = v.ratio === undefined ? undefined : Math.round(v.ratio * 1000) / 10;
      const name = el('span', volet.short ?? volet.title, 'volet-name');
      name.id = `m-${v.id}`;
      item.append(name);
      if (percent === undefined) item.append(el('span', 'ne compte pas ici', 'volet-value wide'));
      else {
        const meter = document.createElement('meter');
        meter.min = 0;
        meter.max = 100;
        meter.value = percent;
        meter.setAttribute('aria-labelledby', name.id);
        meter.textContent = `${frNumber(percent)} %`;
        item.append(meter, el('span', `${frNumber(percent)} %`, 'volet-value'));
      }
      list.append(item);
    }
    const weights = card.volets.map((v) => `${edition.questionnaire.volets.find((x) => x.id === v.id)?.short ?? v.id} ${frNumber(v.weight)}`);
    detail.append(el('h3', 'Par volet'), list, el('p', `Coefficients de votre strate : ${weights.join(', ')}.`, 'note'));
  }

  // Conditions of the levels, level by level: met or missing.
  const gated = edition.rubric.levels.filter((l) => card.gates.some((g) => g.level === l.id));
  if (gated.length) detail.append(el('h3', 'Conditions des niveaux'));
  for (const level of gated) {
    detail.append(el('p', `${levelName(level.id)} :`, 'gate-level'));
    const list = el('ul', undefined, 'gates');
    for (const g of card.gates.filter((x) => x.level === level.id))
      list.append(el('li', `${g.label} — ${g.holds ? 'remplie' : 'manquante'}`, g.holds ? 'holds' : 'fails'));
    detail.append(list);
  }
  for (const b of card.blocked)
    detail.append(el('p', `${levelName(b.level)} : ${data.withoutPoints ? 'il manque' : 'le total suffit, il manque'} ${b.gates.join(', ')}.`, 'blocked'));

  // The cheapest path to the next level.
  if (card.next) {
    const next = edition.rubric.levels.find((l) => l.id === card.next!.level)!;
    const seuil = data.withoutPoints || !card.stratum ? '' : ` (seuil : ${frNumber(threshold(next, card.stratum.id))} sur 100)`;
    detail.append(el('h3', `Pour atteindre ${levelPhrase(next.id)}${seuil}`));
    const list = el('ol', undefined, 'path');
    for (const c of card.next.changes) {
      const question = questions.get(c.question)!;
      const gain = data.withoutPoints || c.forGate ? (c.forGate ? ' (condition du niveau)' : '') : ` (+ ${points(c.gain)})`;
      list.append(el('li', `${question.label} — ${describeChange(question, c.from, c.to)}${gain}`));
    }
    detail.append(list);
    if (!card.next.changes.length) detail.append(el('p', 'Aucune réponse à changer : le niveau suivant dépend du jury.'));
  } else if (card.level && card.level === edition.rubric.levels.at(-1)) detail.append(el('p', 'C’est le plus haut niveau du label.'));
  const answered = card.questions.filter((x) => x.status === 'scored').length;
  detail.append(el('p', `${count(answered, 'réponse prise', 'réponses prises')} en compte.`, 'note'));
}

function update(): void {
  const state = readForm();
  const { dossier, problems } = formDossier(state, edition);
  showProblems(problems);
  const ready = dossier.identity.kind !== undefined && dossier.identity.population !== undefined;
  const card = ready ? scoreDossier(dossier, index) : undefined;
  showQuestionPoints(card);
  render(card, state);
  banner.textContent = headline.textContent;
  if (keep.checked) save(state);
}

function save(state: FormState): void {
  try {
    localStorage.setItem(STORAGE, JSON.stringify(state));
  } catch {
    // Storage refused (private browsing, file:// in some browsers): the answers stay on the page.
  }
}

function restore(): void {
  try {
    const saved = localStorage.getItem(STORAGE);
    if (!saved) return;
    writeForm(JSON.parse(saved) as FormState);
    keep.checked = true;
  } catch {
    // Nothing kept, or unreadable: an empty form.
  }
}

function forget(): void {
  try {
    localStorage.removeItem(STORAGE);
  } catch {
    // Nothing to forget.
  }
  keep.checked = false;
  form.reset();
  update();
  headline.textContent = typography('Réponses effacées, y compris de ce navigateur. Indiquez le type de collectivité et sa population pour commencer.');
}

function download(): void {
  const json = `${JSON.stringify(exportAnswers(readForm(), data), null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `auto-evaluation-tnl-${data.year}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

form.addEventListener('input', update);
form.addEventListener('change', update);
keep.addEventListener('change', () => {
  if (keep.checked) save(readForm());
  else
    try {
      localStorage.removeItem(STORAGE);
    } catch {
      // Nothing kept.
    }
});
field('b-export').addEventListener('click', download);
field('b-print').addEventListener('click', () => window.print());
field('b-forget').addEventListener('click', forget);
// On a narrow screen, the banner repeats the headline while the estimation itself is out of sight.
if ('IntersectionObserver' in window)
  new IntersectionObserver((entries) => {
    for (const e of entries) banner.classList.toggle('off', e.isIntersecting);
  }).observe(document.getElementById('resultat')!);
restore();
update();
