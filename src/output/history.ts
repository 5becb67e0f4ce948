import { byProperName, frNumber, ordinal, typography } from '../util/french.js';
import { csvSafeRow, mdEscape } from '../util/escape.js';
import { stringify } from 'csv-stringify/sync';
import type { KeyFigures, MentionSuggestion, Timeline, Figure, YearMoves } from '../history/figures.js';
import { figureText, firstParticipation, progression, streaks, yearMoves } from '../history/figures.js';
import type { Archive, EditionResults } from '../history/types.js';
import { KIND_FR, KIND_WORDS } from './scores/view.js';

/**
 * « au moins 64 » when the figure counts an incomplete edition; for staff, a published figure
 * with where it comes from and what the archive itself counts.
 */
export function fig(f: Figure): string {
  if (!f.published) return figureText(f);
  return `${figureText(f)} (chiffre publié en ${f.published.year}, ${f.published.source} ; l’archive en compte ${figureText(f.published.counted)})`;
}

const levelWord = (scale: string, level: string | null) =>
  level === null ? 'niveau inconnu' : scale === 'niveaux' ? `niveau ${level}` : level.charAt(0).toUpperCase() + level.slice(1);
const kindCount = (k: string, f: Figure) => `${fig(f)} ${KIND_WORDS[k]![f.value > 1 ? 1 : 0]}`;

export function figuresMarkdown(f: KeyFigures, archive: Archive, suggestions: MentionSuggestion[] = [], year?: number): string {
  const out: string[] = [];
  out.push(`# Label Territoire Numérique Libre — chiffres clés ${f.from}–${f.to}`, '');
  out.push(`- ${f.editions} éditions, de ${f.from} à ${f.to}`);
  out.push(
    `- ${fig(f.laureates)} collectivités et établissements récompensés : ${Object.entries(f.laureatesByKind)
      .filter(([, v]) => v.value > 0)
      .map(([k, v]) => kindCount(k, v))
      .join(', ')}`,
  );
  out.push(`- ${fig(f.inhabitants)} habitants concernés${f.withoutPopulation ? ` (${f.withoutPopulation} lauréats de population inconnue non comptés)` : ''}`);
  if (f.laureates.lowerBound)
    out.push('', '« au moins » : les éditions dont la liste publiée n’est pas connue en entier ne comptent que leurs lauréats connus.');
  out.push('', '## Lauréats par édition', '', '| Édition | Lauréats | Par niveau |', '|---|---:|---|');
  for (const e of f.perEdition) {
    const levels = Object.entries(e.levels)
      .map(([id, v]) => `${levelWord(e.scale, id)} : ${fig(v)}`)
      .join(' · ');
    out.push(`| ${e.year} (${ordinal(e.number)})${e.complete ? '' : ' *'} | ${fig(e.laureates)} | ${levels} |`);
  }
  out.push('', '\\* liste des lauréats incomplète dans l’archive', '');
  if (f.conflicts.length) {
    out.push('## Chiffres publiés contradictoires', '');
    for (const c of f.conflicts)
      out.push(
        `- ${c.year}, ${c.figure} : ${c.values.map((v) => frNumber(v)).join(' ou ')} selon les sources (${mdEscape(c.note)}) ; ${
          c.figure.startsWith('lauréats depuis')
            ? 'tnl n’en reprend aucun : ses chiffres clés comptent les lauréats de l’archive'
            : `l’archive retient ${frNumber(c.kept)}, à vérifier avant publication`
        }`,
      );
    out.push('');
  }
  if (year !== undefined) {
    const e = archive.find((x) => x.edition === year);
    if (e) {
      out.push(`## Édition ${year}`, '');
      const moves = yearMoves(archive, year);
      if (moves) {
        if (moves.newScale) out.push(`- Échelle nouvelle en ${year} : les niveaux ne se comparent pas à ceux de l’édition précédente.`);
        else
          out.push(
            `- Progressions : ${fig(moves.progressed)} lauréat${moves.progressed.value > 1 ? 's montent' : ' monte'} d’un niveau ou plus par rapport à ${moves.progressed.value > 1 ? 'leur' : 'sa'} participation précédente${moves.progressed.names.length ? ` (${moves.progressed.names.map(mdEscape).join(', ')})` : ''}${moves.progressed.lowerBound ? ' — « au moins » : des participations précédentes manquent à l’archive' : ''}.`,
          );
        out.push(
          `- Premières labellisations : ${moves.firstTime.uncertain ? 'au plus ' : ''}${frNumber(moves.firstTime.value)}${moves.firstTime.uncertain ? ' (l’archive des éditions précédentes est incomplète : certaines ont pu être labellisées avant)' : ''}.`,
          '',
        );
      }
      for (const l of [...e.laureates].sort(byProperName)) {
        out.push(
          `- ${mdEscape(l.name)}${l.departement ? ` (${l.departement})` : ''} — ${levelWord(e.scale, l.level)}${l.mentions.length ? ` — ${l.mentions.map(mdEscape).join(', ')}` : ''}`,
        );
      }
      out.push('');
    }
    if (suggestions.length) {
      out.push(`## Mentions suggérées (${year}) — des propositions pour le jury, pas des décisions`, '');
      for (const s of suggestions) out.push(`- ${s.label} : ${s.who.map(mdEscape).join(', ')} — ${s.why}`);
      out.push('');
    }
  }
  return typography(out.join('\n'));
}

export function timelineMarkdown(t: Timeline, archive: Archive): string {
  const out: string[] = [];
  const first = firstParticipation(archive, t);
  out.push(`# ${mdEscape(t.name)}`, '');
  out.push(
    `${KIND_FR[t.kind]}${t.code ? ` · code ${t.code}` : ''}${t.departement ? ` · département ${t.departement}` : ''}${t.population !== undefined ? ` · ${frNumber(t.population)} habitants` : ''}`,
    '',
  );
  out.push(
    `Première participation${first.atLatest ? ` : ${first.year} au plus tard` : `${first.lowerBound ? ' connue' : ''} : ${first.year}`} · ${t.participations.length} participation${t.participations.length > 1 ? 's' : ''}${first.atLatest || first.lowerBound ? ' connues' : ''}`,
    '',
  );
  out.push('| Édition | Niveau | Évolution | Mentions |', '|---|---|---|---|');
  for (const p of [...t.participations].sort((a, b) => a.year - b.year)) {
    const prog = progression(t, p.year);
    const evo = prog ? (prog.change > 0 ? `+${prog.change}` : prog.change < 0 ? `${prog.change}` : 'maintien') : '';
    out.push(`| ${p.year} (${ordinal(p.number)}) | ${levelWord(p.scale, p.level)} | ${evo} | ${p.laureate.mentions.map(mdEscape).join(', ')} |`);
  }
  const long = streaks(t).filter((s) => s.length > 1);
  if (long.length) out.push('', ...long.map((s) => `Au ${levelWord(s.scale, s.level)} de ${s.from} à ${s.to} (${s.length} éditions de suite).`));
  out.push('');
  return typography(out.join('\n'));
}

/** The open-data table: one row per laureate per edition. */
export function archiveCsv(archive: Archive): string {
  const header = ['annee', 'edition', 'collectivite', 'code', 'type', 'departement', 'population', 'niveau', 'mentions', 'liste_complete'];
  const rows = [...archive]
    .sort((a, b) => a.edition - b.edition)
    .flatMap((e) =>
      [...e.laureates]
        .sort(byProperName)
        .map((l) => [
          e.edition,
          e.number,
          l.name,
          l.code ?? '',
          l.kind,
          l.departement ?? '',
          l.population ?? '',
          l.level ?? '',
          l.mentions.join(' ; '),
          e.complete ? 'oui' : 'non',
        ]),
    );
  return '\ufeff' + stringify([header, ...rows].map(csvSafeRow), { record_delimiter: '\r\n' });
}

/** The JSON of `tnl history`: what the Markdown shows, the edition's laureates included. */
export function figuresJson(f: KeyFigures, suggestions: MentionSuggestion[], timeline?: Timeline, edition?: EditionResults, moves?: YearMoves): string {
  const laureates = edition
    ? [...edition.laureates].sort(byProperName).map((l) => ({
        name: l.name,
        kind: l.kind,
        code: l.code ?? null,
        departement: l.departement ?? null,
        population: l.population ?? null,
        level: l.level,
        mentions: l.mentions,
      }))
    : undefined;
  return (
    JSON.stringify(
      {
        figures: f,
        ...(edition
          ? {
              edition: {
                year: edition.edition,
                number: edition.number,
                complete: edition.complete,
                published: edition.published,
                laureates,
                ...(moves ? { moves } : {}),
              },
            }
          : {}),
        ...(suggestions.length ? { suggestedMentions: suggestions } : {}),
        ...(timeline ? { timeline } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}
