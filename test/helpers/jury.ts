import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyEditions } from './cli.js';

/** Two jury criteria, added to a copy of the 2024 edition (its rubric gains a « jury » section). */
export const JURY_SECTION = `
jury:
  scale: { min: 0, max: 4 }
  criteria:
    - id: strategie.qualite
      volet: strategie
      label: Qualité de la stratégie
      guidance: La stratégie est-elle écrite, portée par les élus et suivie ? 0 absente, 4 exemplaire.
      reads: [strategie.deliberation, strategie.plan_action]
      points: 8
    - id: logiciels.actions
      volet: logiciels
      label: Qualité des actions décrites
      guidance: Les actions sont-elles concrètes, mesurées et durables ?
      reads: [logiciels.postes_libres]
      points: 6
`;

export function editionsWithJury(): string {
  const root = copyEditions();
  appendFileSync(join(root, 'rubrics', '2024.yaml'), JURY_SECTION);
  return root;
}
