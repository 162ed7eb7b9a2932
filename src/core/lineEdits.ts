// Applies a problem's Fix.edits (whole-line LineEdits) to a file's text, losslessly: every line outside the
// edits keeps its bytes and its own line ending; new lines use the file's dominant ending; a BOM and a missing
// final newline are kept.

import type { LineEdit } from './model';
import { dominantEol, joinLines, splitLines, type TextLine } from './textLines';

/** Thrown when edits overlap or point outside the text (the file changed since it was read). */
export class LineEditError extends Error {}

/** The text after applying `edits` (all for the same file; 0-based lines, non-overlapping). */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  const split = splitLines(text);
  const eol = dominantEol(split);
  const lines = split.lines.slice();
  const sorted = [...edits].sort((a, b) => b.startLine - a.startLine || b.deleteCount - a.deleteCount);
  let limit = Infinity;
  for (const e of sorted) {
    const end = e.startLine + e.deleteCount;
    if (!Number.isInteger(e.startLine) || !Number.isInteger(e.deleteCount) || e.startLine < 0 || e.deleteCount < 0 || end > lines.length) {
      throw new LineEditError(`An edit for lines ${e.startLine + 1}–${end} does not fit a file of ${lines.length} lines.`);
    }
    if (end > limit) throw new LineEditError('Two edits of the same fix overlap.');
    limit = e.startLine;
    const atEnd = end === lines.length;
    // What the file's last line ends with today: kept as the last line's ending after the edit.
    const finalEol = lines.length ? lines[lines.length - 1]!.eol : eol;
    const added: TextLine[] = e.insert.map((t) => ({ line: 0, text: t, eol }));
    if (atEnd) {
      if (added.length) {
        added[added.length - 1]!.eol = finalEol === '' ? '' : added[added.length - 1]!.eol;
        if (e.deleteCount === 0 && e.startLine > 0 && lines[e.startLine - 1]!.eol === '') lines[e.startLine - 1] = { ...lines[e.startLine - 1]!, eol };
      } else if (e.startLine > 0 && e.deleteCount > 0 && finalEol === '') {
        lines[e.startLine - 1] = { ...lines[e.startLine - 1]!, eol: '' };
      }
    }
    lines.splice(e.startLine, e.deleteCount, ...added);
  }
  return joinLines({ bom: split.bom, lines });
}

/** The smallest single replacement turning `before` into `after`: [start, end) of `before` and the new text. */
export function minimalReplacement(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
