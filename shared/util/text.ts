/** Text comparison shared by the screens and the core. */

/** Case, accents, punctuation and spacing aside: `Saint-André` and `saint andre` are equal. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
