import { describe, expect, it } from 'vitest';
import { ficheFileName } from '../../src/report/fiche.js';

describe('fiche file names', () => {
  it.each([
    ['118357', "Ville d'Échirolles", '118357-ville-d-echirolles.pdf'],
    ['118357', '../../etc/x', '118357-etc-x.pdf'],
    ['../1', '/etc/passwd', '1-etc-passwd.pdf'],
    ['42', 'Vandœuvre-lès-Nancy', '42-vandoeuvre-les-nancy.pdf'],
    ['7', '<img src=x>', '7-img-src-x.pdf'],
  ])('%s + %s → %s', async (n, name, out) => expect(ficheFileName(n, name, 'pdf')).toBe(out));
});
