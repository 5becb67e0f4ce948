import { htmlEscape } from '../util/escape.js';

/** Escapes text for SVG/XML (the same five characters as HTML). */
export const xml = htmlEscape;
