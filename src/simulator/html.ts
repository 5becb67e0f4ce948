import { ordinal, typography } from '../util/french.js';
import { htmlEscape } from '../util/escape.js';
import type { FormQuestion, SimulatorData } from './model.js';

/**
 * The self-assessment page as one HTML file: the form written here (every field labelled, its help
 * text tied to it), the edition's data as JSON, the style and the script inline, allowed by their
 * hashes in a Content-Security-Policy that forbids every request. Pure: the shell gives the script,
 * the style and their hashes (src/cli/simulateur.ts).
 */
export interface PageAssets {
  script: string;
  style: string;
  /** base64 SHA-256 of the script and of the style, for the Content-Security-Policy. */
  scriptHash: string;
  styleHash: string;
}

const t = (s: string) => htmlEscape(typography(s));

/** The JSON of the data, safe inside a <script> element (no « </script> », no « <!-- »). */
export function dataJson(data: SimulatorData): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function simulatorPolicy(assets: Pick<PageAssets, 'scriptHash' | 'styleHash'>): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${assets.scriptHash}'`,
    `style-src 'sha256-${assets.styleHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function simulatorHtml(data: SimulatorData, assets: PageAssets): string {
  const title = `Simulateur du label Territoire Numérique Libre ${data.year}`;
  const scale = data.edition.rubric.scale === 'medailles' ? 'Badge, Bronze, Argent ou Or' : `niveau 1 à ${data.edition.rubric.levels.length}`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${htmlEscape(simulatorPolicy(assets))}">
<meta name="referrer" content="no-referrer">
<title>${t(title)}</title>
<style>${assets.style}</style>
</head>
<body>
<a class="skip" href="#resultat">Aller à votre estimation</a>
<header class="page-head">
<p class="brand">ADULLACT · Territoire Numérique Libre</p>
<h1>${t(title)}</h1>
<p>${t(`Estimez le niveau que votre collectivité atteindrait (${scale}) en répondant aux questions qui comptent pour le label. Rien ne quitte votre navigateur : cette page n’envoie aucune donnée.`)}</p>
<p class="version" id="version">${t(
    `Édition ${data.year} (${ordinal(data.number)} édition), barème ${data.bareme}${data.withoutPoints ? ', présenté sans points ni seuils' : ''}. Cette estimation n’est pas une candidature : seul le jury attribue le label.`,
  )}</p>
${
  data.edition.rubric.jury
    ? `<p class="version">${t(
        `Cette édition compte aussi des critères notés par le jury (${data.edition.rubric.jury.criteria.map((c) => c.label.toLowerCase()).join(', ')}) : ils ne sont pas estimés ici, et le niveau attribué peut s’écarter de cette estimation.`,
      )}</p>`
    : ''
}
</header>
<main>
<form id="simulateur" class="form" novalidate aria-label="${t('Questionnaire d’auto-évaluation')}">
<fieldset class="identity">
<legend>Votre collectivité</legend>
<div class="field">
<label for="f-name">Nom de la collectivité <span class="optional">(facultatif)</span></label>
<input id="f-name" name="name" type="text" autocomplete="organization">
</div>
<div class="field">
<label for="f-kind">Type de collectivité</label>
<select id="f-kind" name="kind" aria-describedby="h-kind">
<option value="">— choisir —</option>
${data.kinds.map((k) => `<option value="${htmlEscape(k.id)}">${t(k.label)}</option>`).join('\n')}
</select>
<p class="help" id="h-kind">${t('Avec la population, il choisit la strate du barème : les exigences sont adaptées à la taille de la collectivité.')}</p>
</div>
<div class="field">
<label for="f-population">Nombre d’habitants</label>
<input id="f-population" name="population" type="text" inputmode="numeric" autocomplete="off" aria-describedby="h-population">
<p class="help" id="h-population">${t('La population municipale (INSEE) ; pour un groupement, celle de son territoire.')}</p>
</div>
</fieldset>
${data.volets
  .map(
    (v) => `<section class="volet" aria-labelledby="v-${htmlEscape(v.id)}">
<h2 id="v-${htmlEscape(v.id)}">${t(v.title)}</h2>
<p class="volet-description">${t(v.description)}</p>
${v.questions.map((x) => questionHtml(x, data.withoutPoints)).join('\n')}
</section>`,
  )
  .join('\n')}
</form>
<aside id="resultat" class="result" aria-labelledby="resultat-titre" tabindex="-1">
<h2 id="resultat-titre">Votre estimation</h2>
<p id="annonce" class="headline" role="status" aria-live="polite" aria-atomic="true">${t('Indiquez le type de collectivité et sa population pour commencer.')}</p>
<div id="detail"></div>
<div class="actions">
<p class="keep"><input type="checkbox" id="f-keep"><label for="f-keep">${t('Garder mes réponses dans ce navigateur')}</label></p>
<button type="button" id="b-export">Exporter mes réponses (JSON)</button>
<button type="button" id="b-print">Imprimer le résumé</button>
<button type="button" id="b-forget">Effacer mes réponses</button>
</div>
<p class="help">${t('Le fichier exporté se relit avec « tnl score » ou « tnl explain », comme un export de démarches simplifiées d’un seul dossier.')}</p>
</aside>
</main>
<div id="bandeau" class="bandeau" aria-hidden="true"></div>
<footer class="page-foot">
<p>${t(`Calcul fait dans votre navigateur par le code de notation de tnl, avec le barème de l’édition ${data.year} (version ${data.bareme}). Le label est attribué par un jury, qui lit aussi les documents et les descriptions d’actions.`)}</p>
</footer>
<script type="application/json" id="tnl-data">${dataJson(data)}</script>
<script>${assets.script}</script>
</body>
</html>
`;
}

function questionHtml(x: FormQuestion, withoutPoints: boolean): string {
  const id = `q-${htmlEscape(x.id)}`;
  const help = x.help ? `<p class="help" id="h-${id}">${t(x.help)}</p>` : '';
  const described = x.help ? ` aria-describedby="h-${id} p-${id}"` : ` aria-describedby="p-${id}"`;
  const points = `<p class="points" id="p-${id}"${withoutPoints ? ' hidden' : ''}></p>`;
  const required = x.required ? ' <span class="required">(obligatoire)</span>' : '';
  const name = `name="${htmlEscape(x.id)}" data-question="${htmlEscape(x.id)}"`;
  switch (x.type) {
    case 'multiple_choice':
      return `<fieldset class="field question" id="${id}"${described}>
<legend>${t(x.label)}${required}</legend>
${help}
${(x.choices ?? [])
  .map(
    (c, i) => `<p class="choice"><input type="checkbox" id="${id}-${i}" ${name} value="${htmlEscape(c.id)}"><label for="${id}-${i}">${t(c.label)}</label></p>`,
  )
  .join('\n')}
${points}
</fieldset>`;
    case 'checkbox':
      return `<div class="field question">
<p class="choice"><input type="checkbox" id="${id}" ${name} value="oui"${described}><label for="${id}">${t(x.label)}${required}</label></p>
${help}
${points}
</div>`;
    case 'yes_no':
    case 'single_choice': {
      const options =
        x.type === 'yes_no'
          ? [
              { id: 'oui', label: 'Oui' },
              { id: 'non', label: 'Non' },
            ]
          : (x.choices ?? []);
      return `<div class="field question">
<label for="${id}">${t(x.label)}${required}</label>
${help}
<select id="${id}" ${name}${described}>
<option value="">— sans réponse —</option>
${options.map((c) => `<option value="${htmlEscape(c.id)}">${t(c.label)}</option>`).join('\n')}
</select>
${points}
</div>`;
    }
    default: {
      const unit = x.type === 'rows' ? 'nombre de lignes du tableau' : x.type === 'files' ? 'nombre de documents joints' : x.unit ? `en ${x.unit}` : undefined;
      const input =
        x.type === 'date'
          ? 'type="date"'
          : x.type === 'text'
            ? 'type="text"'
            : `type="text" inputmode="${x.type === 'decimal' ? 'decimal' : 'numeric'}" autocomplete="off"`;
      return `<div class="field question">
<label for="${id}">${t(x.label)}${required}${unit ? ` <span class="unit">(${t(unit)})</span>` : ''}</label>
${help}
<input id="${id}" ${name} ${input}${described}>
<p class="problem" id="e-${id}" hidden></p>
${points}
</div>`;
    }
  }
}
