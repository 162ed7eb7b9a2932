// Python's notion of whitespace and line breaks, which botocore (Python configparser) uses and JavaScript's \s does not match:
// Python counts \x1c-\x1f and \x85 as whitespace and U+FEFF as not.

/** Characters Python's str.isspace() accepts (and `\s` in a Python str regex); isPySpaceCode tests the same set. */
export const PY_SPACE = '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's str.isspace() for one UTF-16 code unit (all Python whitespace is in the BMP). */
export function isPySpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Python's str.strip() with no argument. */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpaceCode(s.charCodeAt(a))) a++;
  while (b > a && isPySpaceCode(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Python's str.rstrip() with no argument. */
export function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && isPySpaceCode(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** Index of the first non-whitespace character (Python `\S`), or -1. */
export function firstNonSpace(s: string): number {
  for (let i = 0; i < s.length; i++) if (!isPySpaceCode(s.charCodeAt(i))) return i;
  return -1;
}

/** Python's str.splitlines() (no ends): splits on \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029. */
export function pySplitLines(s: string): string[] {
  // The usual case: only \n breaks (no other Python line-break character anywhere).
  if (!/[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/.test(s)) {
    const parts = s.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if ('\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'.includes(c)) {
      out.push(s.slice(start, i));
      if (c === '\r' && s[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

/**
 * Python's shlex.split (POSIX mode, no comments) as botocore applies it to section names:
 * returns null where shlex raises (an unclosed quote or a trailing backslash).
 */
export function shlexSplit(s: string): string[] | null {
  const out: string[] = [];
  let token = '';
  let inToken = false;
  let i = 0;
  const ws = ' \t\r\n';
  while (i < s.length) {
    const c = s[i]!;
    if (ws.includes(c)) {
      if (inToken) out.push(token);
      token = '';
      inToken = false;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= s.length) return null;
      token += s[i + 1];
      inToken = true;
      i += 2;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end === -1) return null;
      token += s.slice(i + 1, end);
      inToken = true;
      i = end + 1;
    } else if (c === '"') {
      inToken = true;
      i++;
      for (;;) {
        if (i >= s.length) return null;
        const d = s[i]!;
        if (d === '"') {
          i++;
          break;
        }
        // Inside double quotes a backslash escapes only a quote or another backslash.
        if (d === '\\' && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === '\\')) {
          token += s[i + 1];
          i += 2;
        } else if (d === '\\' && i + 1 >= s.length) {
          return null;
        } else {
          token += d;
          i++;
        }
      }
    } else {
      token += c;
      inToken = true;
      i++;
    }
  }
  if (inToken) out.push(token);
  return out;
}
