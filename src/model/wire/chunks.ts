/**
 * How streamed strings are cut into deltas. The real API cuts at token boundaries, so clients must
 * cope with any split; cutting by words (and inside long words) exercises that without producing
 * unreadable streams. Splits fall between code points, never inside a surrogate pair.
 */

/** Text cut into pieces of at most `max` code points, preferring to cut after whitespace. */
export function splitText(text: string, max = 16): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of text.match(/\s*\S+\s*|\s+/gu) ?? []) {
    const wordLength = codePointLength(word);
    if (wordLength > max) {
      if (current) pieces.push(current);
      current = '';
      pieces.push(...splitCodePoints(word, max));
      continue;
    }
    if (codePointLength(current) + wordLength > max && current) {
      pieces.push(current);
      current = '';
    }
    current += word;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * A tool input's JSON cut into several pieces (at least `minPieces` when it is long enough), the way
 * the API streams `input_json_delta`: only the concatenation is valid JSON.
 */
export function splitJson(json: string, minPieces = 3, max = 32): string[] {
  const length = codePointLength(json);
  const size = Math.max(1, Math.min(max, Math.ceil(length / minPieces)));
  return splitCodePoints(json, size);
}

function splitCodePoints(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < points.length; start += size) {
    pieces.push(points.slice(start, start + size).join(''));
  }
  return pieces;
}

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
