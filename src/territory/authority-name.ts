/**
 * The name of an authority without what varies between publications: case, accents, the « Ville de »
 * and « Syndicat » prefixes, punctuation. « Ville d'Échirolles » and « Echirolles » are the same.
 */
export function normaliseAuthorityName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[’']/g, ' ')
    .replace(/^(la |le |les )?(ville|commune|mairie)( et metropole)? (de la |de l |de |d |des |du )/, '')
    .replace(/^syndicat (intercommunal |mixte )?(de |d |des |du )?/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(les|le|la|l) /, '');
}
