import type { Result } from '../../decisions/decisions.js';
import type { GateResult, QuestionScore, ScoreCard } from '../../scoring/types.js';
import type { ScoresReport } from './view.js';
import { sortResults } from './view.js';

/**
 * Plain numbers, one object per dossier, a provenance header. Pretty head, one dossier per line:
 * readable diffs, a tenth of the size of a fully indented file. Yielded in pieces (one per
 * dossier), written as they come: an export of 100 000 dossiers is never one string in memory.
 *
 * Each dossier's line is exactly `JSON.stringify` of the object documented in the README (a test
 * holds it to that), written by hand from pieces that repeat from one dossier to the next (the
 * stratum, a gate's result, a question's points), which are serialised once per run.
 */
export function* scoresJson(r: ScoresReport): Generator<string> {
  const { edition } = r;
  const results = sortResults(edition, r.results);
  const byLevel: Record<string, number> = {};
  for (const l of edition.rubric.levels) byLevel[l.id] = 0;
  let notLabelled = 0;
  for (const x of results) {
    if (x.final) byLevel[x.final.id]! += 1;
    else notLabelled += 1;
  }
  const head = {
    provenance: r.provenance,
    summary: { dossiers: results.length, ...(r.deposited !== undefined ? { deposited: r.deposited } : {}), byLevel, notLabelled },
  };
  yield `${JSON.stringify(head, null, 2).replace(/\n}$/, '')},\n  "dossiers": [\n`;
  const line = dossierWriter();
  for (let i = 0; i < results.length; i++) yield `${i ? ',\n' : ''}    ${line(results[i]!)}`;
  yield `${results.length ? '\n' : ''}  ]\n}\n`;
}

const str = (s: string | null | undefined) => (s === undefined || s === null ? 'null' : JSON.stringify(s));
const num = (n: number | null | undefined) => (n === undefined || n === null || !Number.isFinite(n) ? 'null' : String(n));

/** The JSON line of a dossier; remembers the pieces shared between dossiers. */
function dossierWriter(): (result: Result) => string {
  const strata = new Map<ScoreCard['stratum'], string>();
  const gates = new Map<GateResult, string>();
  const points = new Map<QuestionScore, string>();
  const memo = <K, V extends string>(map: Map<K, V>, key: K, make: (k: K) => V): V => {
    let v = map.get(key);
    if (v === undefined) {
      v = make(key);
      if (map.size < 4096) map.set(key, v);
    }
    return v;
  };
  // Identifiers, kinds, levels, rules and most warnings come back on every line: quoted once.
  const quoted = new Map<string, string>();
  const word = (s: string | null | undefined) => (s === undefined || s === null ? 'null' : memo(quoted, s, str));
  return ({ card, proposed, final, reason, opinion, mentions, carrier }) => {
    const scored: string[] = [];
    const notApplicable: string[] = [];
    const unknown: string[] = [];
    for (const x of card.questions) {
      if (x.status === 'not_applicable') notApplicable.push(word(x.id));
      else if (x.status === 'unknown') unknown.push(word(x.id));
      else scored.push(memo(points, x, (e) => `${str(e.id)}:${num(e.points)}`));
    }
    const volets = card.volets.map(
      (v) =>
        `{"id":${word(v.id)},"points":${num(v.points)},"max":${num(v.max)},"weight":${num(v.weight)},"score":${v.ratio === undefined ? 'null' : num(Math.round(v.ratio * 1000) / 10)}}`,
    );
    const who = carrier ?? card.referent;
    return (
      `{"number":${str(card.number)},"name":${str(card.name)},"kind":${word(card.kind)},"population":${num(card.population)},` +
      `"departement":${str(card.departement)},"code":${str(card.code)},` +
      `"stratum":${memo(strata, card.stratum, (s) => (s ? `{"id":${str(s.id)},"label":${str(s.label)}}` : 'null'))},` +
      `"volets":[${volets.join(',')}],"total":${num(card.total)},"proposedLevel":${word(proposed?.id)},"finalLevel":${word(final?.id)},` +
      (reason ? `"reason":${str(reason)},` : '') +
      (opinion ? `"opinion":${str(opinion)},` : '') +
      `"mentions":[${mentions.map(word).join(',')}],` +
      (who ? `"carrier":${str(who)},` : '') +
      `"gates":[${card.gates.map((g) => memo(gates, g, (x) => `{"level":${str(x.level)},"label":${str(x.label)},"question":${str(x.question)},"holds":${x.holds}}`)).join(',')}],` +
      `"blocked":${JSON.stringify(card.blocked)},` +
      `"points":{${scored.join(',')}},"notApplicable":[${notApplicable.join(',')}],"unknown":[${unknown.join(',')}],` +
      (card.notScored
        ? `"status":"not_scored","notScored":${str(card.notScored)},`
        : card.incomplete
          ? `"status":"incomplete","incomplete":[${card.incomplete.map(word).join(',')}],`
          : '') +
      `"warnings":[${card.findings.map((f) => `{"severity":${word(f.severity)},"rule":${word(f.rule)},"message":${word(f.message)}}`).join(',')}]}`
    );
  };
}
