/** `%text%` for ILIKE, with the pattern characters of the user's text escaped (`\` is the default escape). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
