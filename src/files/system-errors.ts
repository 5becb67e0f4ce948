import { own } from '../util/own.js';
/** What a failed system call means, in French, for the person who ran the command. */
const reasons: Record<string, string> = {
  ENOENT: 'fichier ou dossier introuvable',
  EACCES: 'droits insuffisants',
  EPERM: 'opération non permise',
  EISDIR: 'c’est un dossier, pas un fichier',
  ENOTDIR: 'un élément du chemin est un fichier, pas un dossier',
  EEXIST: 'un fichier du même nom existe déjà',
  ENOSPC: 'plus de place sur le disque',
  EDQUOT: 'quota disque dépassé',
  EROFS: 'système de fichiers en lecture seule',
  ENAMETOOLONG: 'nom de fichier trop long',
  EMFILE: 'trop de fichiers ouverts',
  ENFILE: 'trop de fichiers ouverts',
  EBUSY: 'fichier occupé',
  EXDEV: 'déplacement entre deux disques impossible',
  EIO: 'erreur d’entrée-sortie du disque',
  ELOOP: 'trop de liens symboliques',
  EPIPE: 'la sortie a été fermée',
  EFBIG: 'fichier trop gros',
  EINVAL: 'opération invalide sur ce fichier',
};

/** `lecture impossible : plus de place sur le disque (ENOSPC)`; never English, never a stack. */
export function systemErrorText(e: unknown, action: 'lecture' | 'écriture' | 'création du dossier' | 'opération'): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (action === 'lecture' && code === 'ENOENT') return 'fichier introuvable';
  if (action === 'lecture' && (code === 'EACCES' || code === 'EPERM')) return 'lecture refusée (droits insuffisants)';
  const reason = code ? (own(reasons, code) ?? 'erreur du système') : 'erreur du système';
  return `${action} impossible : ${reason}${code ? ` (${code})` : ''}`;
}
