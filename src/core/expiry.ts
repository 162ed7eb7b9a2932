// Expiry countdowns for the tree and the status bar: pure, so the wording is tested without a clock.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Minutes left until `expiresAt` (negative when past); null when unknown or unparsable. */
export function minutesLeft(expiresAt: string | null | undefined, now: number): number | null {
  if (!expiresAt) return null;
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t)) return null;
  return Math.floor((t - now) / MINUTE);
}

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} min`;
  if (ms < 2 * DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.floor((ms % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${Math.floor(ms / DAY)} days`;
}

/** "expires in 42 min", "expired 3 min ago"; null when there is no expiry. */
export function expiryText(expiresAt: string | null | undefined, now: number): string | null {
  if (!expiresAt) return null;
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t)) return null;
  const d = t - now;
  return d > 0 ? `expires in ${span(d)}` : `expired ${span(-d)} ago`;
}

/** Compact countdown for the status bar: "42m", "5h12m", "3d", "expired". */
export function expiryShort(expiresAt: string | null | undefined, now: number): string | null {
  if (!expiresAt) return null;
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t)) return null;
  const d = t - now;
  if (d <= 0) return 'expired';
  if (d < HOUR) return `${Math.max(1, Math.round(d / MINUTE))}m`;
  if (d < 2 * DAY) {
    const h = Math.floor(d / HOUR);
    const m = Math.floor((d % HOUR) / MINUTE);
    return m ? `${h}h${m}m` : `${h}h`;
  }
  return `${Math.floor(d / DAY)}d`;
}
