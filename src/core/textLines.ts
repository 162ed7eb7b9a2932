// Lossless line splitting: every line keeps its own line ending, so text → lines → text is the identity.

/** One physical line of a file. */
export interface TextLine {
  /** 1-based line number. */
  line: number;
  /** The line's text without its ending (and without the BOM on line 1). */
  text: string;
  /** The line's own ending: '\n', '\r\n', '\r' never splits (botocore and the SDKs split on \n only), '' on a last line with none. */
  eol: '\n' | '\r\n' | '';
}

/** A text split into lines, with its BOM remembered. */
export interface SplitText {
  bom: boolean;
  lines: TextLine[];
}

const BOM = '\uFEFF';

/** Splits text into lines; `joinLines(splitLines(t)) === t` for every string t. */
export function splitLines(text: string): SplitText {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  const lines: TextLine[] = [];
  let start = 0;
  let n = 1;
  while (start < body.length) {
    const nl = body.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ line: n, text: body.slice(start), eol: '' });
      break;
    }
    const crlf = nl > start && body.charCodeAt(nl - 1) === 13;
    lines.push({ line: n++, text: body.slice(start, crlf ? nl - 1 : nl), eol: crlf ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return { bom, lines };
}

/** Joins lines back into the exact original text. */
export function joinLines(split: SplitText): string {
  let out = split.bom ? BOM : '';
  for (const l of split.lines) out += l.text + l.eol;
  return out;
}

/** The line ending a file mostly uses (for lines we add). */
export function dominantEol(split: SplitText): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (const l of split.lines) {
    if (l.eol === '\r\n') crlf++;
    else if (l.eol === '\n') lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}
