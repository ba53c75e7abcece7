// Text measured and broken into lines in the font the map's axes and its exports share, so the
// page's headers and the exported picture wrap a name at the same words.

export const AXIS_FONT = 'Helvetica, Arial, sans-serif';

let measure = null;
/** Width in pixels of `text` in `size`px of the axes' font. */
export function textWidth(text, size, weight = 'normal') {
  if (!measure) measure = document.createElement('canvas').getContext('2d');
  measure.font = `${weight} ${size}px ${AXIS_FONT}`;
  return measure.measureText(text).width;
}

/** `text` broken into lines of at most `width` pixels (a word longer than that stays whole). */
export function wrap(text, size, width, weight = 'normal') {
  const lines = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, size, weight) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** `text` cut with an ellipsis to at most `width` pixels. */
export function cut(text, size, width, weight = 'normal') {
  if (textWidth(text, size, weight) <= width) return text;
  let part = text;
  while (part.length > 1 && textWidth(`${part}…`, size, weight) > width) part = part.slice(0, -1);
  return `${part.trimEnd()}…`;
}

/**
 * `text` in at most `max` lines of at most `width` pixels: wrapped at words; what does not fit
 * the last line, and a word wider than a line, is cut with an ellipsis.
 */
export function fitLines(text, size, width, max, weight = 'normal') {
  const lines = wrap(text, size, width, weight);
  const kept = lines.slice(0, max);
  if (lines.length > max) kept[max - 1] = `${lines.slice(max - 1).join(' ')}`;
  return kept.map((line) => cut(line, size, width, weight));
}
