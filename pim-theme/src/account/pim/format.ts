/** Durations, countdowns and the duration choices of the activate and extend dialogs. */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Preset durations (seconds) offered up to the policy's maximum, which is always offered too. */
const PRESETS = [5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];

export function durationOptions(maxSeconds: number): number[] {
  const max = Math.max(60, Math.floor(maxSeconds));
  const options = PRESETS.filter((seconds) => seconds < max);
  options.push(max);
  return options;
}

/**
 * Where an extension asked for at now ends: now + durationSeconds, never past the eligibility's end
 * (null: permanent), as the server computes it. cut: the eligibility's end decided.
 */
export function extendedEnd(
  now: number,
  durationSeconds: number,
  eligibilityEnd: number | null,
): { endsAt: number; cut: boolean } {
  const wanted = now + durationSeconds * 1000;
  return eligibilityEnd !== null && wanted > eligibilityEnd ? { endsAt: eligibilityEnd, cut: true } : { endsAt: wanted, cut: false };
}

/**
 * The durations an extension of an elevation that ends at currentEnd can ask for at now: the
 * activation's choices whose end comes after currentEnd (the server refuses the others as
 * duration_invalid). Empty when the elevation already runs as long as the policy or the
 * eligibility allows.
 */
export function extensionOptions(
  maxSeconds: number,
  now: number,
  currentEnd: number,
  eligibilityEnd: number | null,
): number[] {
  return durationOptions(maxSeconds).filter((seconds) => extendedEnd(now, seconds, eligibilityEnd).endsAt > currentEnd);
}

export type DurationParts = { days: number; hours: number; minutes: number; seconds: number };

export function durationParts(totalSeconds: number): DurationParts {
  let rest = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  return { days, hours, minutes, seconds: rest - minutes * MINUTE };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "8 h", "1 h 30 min", "2 d", "45 s" with the bundle's unit words. */
export function formatDuration(totalSeconds: number, t: Translate): string {
  const { days, hours, minutes, seconds } = durationParts(totalSeconds);
  const parts: string[] = [];
  if (days) parts.push(t("pimUnitDays", { count: days }));
  if (hours) parts.push(t("pimUnitHours", { count: hours }));
  if (minutes) parts.push(t("pimUnitMinutes", { count: minutes }));
  if (seconds && !days && !hours) parts.push(t("pimUnitSeconds", { count: seconds }));
  return parts.length ? parts.join(" ") : t("pimUnitSeconds", { count: 0 });
}

/** Statuses in which the role was held and can have ended before the requested end. */
const ENDED_AFTER_HOLDING = ["EXPIRED", "DEACTIVATED", "REVOKED"];

/**
 * How long the role was actually held, in whole seconds, when it ended before the requested end
 * (deactivated, revoked, cut); null while it runs, when it ran its full window or never started.
 */
export function heldSeconds(request: {
  status: string;
  startsAt: number;
  endsAt: number;
  endedAt?: number | null;
}): number | null {
  if (!ENDED_AFTER_HOLDING.includes(request.status) || request.endedAt == null) return null;
  if (request.endedAt >= request.endsAt || request.endedAt < request.startsAt) return null;
  return Math.floor((request.endedAt - request.startsAt) / 1000);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The time left until endsAt as "H:MM:SS" (or "N d H:MM:SS"), never negative. */
export function formatCountdown(millisLeft: number, dayWord = "d"): string {
  const { days, hours, minutes, seconds } = durationParts(Math.ceil(Math.max(0, millisLeft) / 1000));
  const clock = `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return days ? `${days} ${dayWord} ${clock}` : clock;
}

/** A timestamp (epoch ms) in the user's locale, e.g. "28 Nov 2026, 14:05". */
export function formatTime(epochMillis: number | null | undefined, locale: string): string {
  if (epochMillis === null || epochMillis === undefined) {
    return "";
  }
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(epochMillis));
  } catch {
    return new Date(epochMillis).toISOString();
  }
}
