/** Formatting and small pure helpers of the admin pages (unit-tested in format.test.ts). */

import type { Settings } from "./api";

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function formatTime(epochMillis: number | null | undefined, locale: string): string {
  if (epochMillis === null || epochMillis === undefined) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(epochMillis));
}

/** A duration in the largest whole units: "8 h", "1 d 2 h", "90 s". */
export function formatDuration(totalSeconds: number | null | undefined, t: Translate): string {
  if (totalSeconds === null || totalSeconds === undefined) return "";
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (days) parts.push(t("pimDays", { count: days }));
  if (hours) parts.push(t("pimHours", { count: hours }));
  if (minutes) parts.push(t("pimMinutes", { count: minutes }));
  if (seconds || parts.length === 0) parts.push(t("pimSeconds", { count: seconds }));
  return parts.join(" ");
}

/** Splits seconds into a number and a unit for an input with a unit select. */
export const UNITS = [
  { unit: "days", seconds: 86400 },
  { unit: "hours", seconds: 3600 },
  { unit: "minutes", seconds: 60 },
] as const;
export type Unit = (typeof UNITS)[number]["unit"];

export function toValueAndUnit(seconds: number): { value: number; unit: Unit } {
  for (const { unit, seconds: size } of UNITS) {
    if (seconds >= size && seconds % size === 0) return { value: seconds / size, unit };
  }
  return { value: Math.max(1, Math.round(seconds / 60)), unit: "minutes" };
}

export function fromValueAndUnit(value: number, unit: Unit): number {
  return value * UNITS.find((u) => u.unit === unit)!.seconds;
}

/** The value of an <input type="datetime-local"> for epoch millis, in the browser's time zone. */
export function toLocalInput(epochMillis: number | null | undefined): string {
  if (epochMillis === null || epochMillis === undefined) return "";
  const date = new Date(epochMillis);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const millis = new Date(value).getTime();
  return Number.isNaN(millis) ? null : millis;
}

/** Rows grouped by a key, groups in the order of their labels. */
export function groupBy<T>(rows: T[], key: (row: T) => string, label: (row: T) => string): { key: string; label: string; rows: T[] }[] {
  const groups = new Map<string, { key: string; label: string; rows: T[] }>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k) ?? { key: k, label: label(row), rows: [] };
    group.rows.push(row);
    groups.set(k, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Whether a free-text search matches any of the given values (case-insensitive substring). */
export function matchesSearch(search: string, ...values: (string | null | undefined)[]): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return values.some((v) => v?.toLowerCase().includes(needle));
}

/**
 * Why an eligibility window breaks the role's policy, as a message key, or null when it fits:
 * permanent needs allowPermanentEligibility, a bounded one must not be longer than maxEligibilitySeconds.
 */
export function eligibilityWindowProblem(
  policy: { allowPermanentEligibility: boolean; maxEligibilitySeconds: number | null },
  startsAt: number | null,
  endsAt: number | null,
  now: number,
): string | null {
  if (endsAt === null) {
    return policy.allowPermanentEligibility ? null : "pimPermanentNotAllowed";
  }
  const start = startsAt ?? now;
  if (endsAt <= start) return "pimEndBeforeStart";
  if (policy.maxEligibilitySeconds !== null && (endsAt - start) / 1000 > policy.maxEligibilitySeconds) {
    return "pimEligibilityTooLong";
  }
  return null;
}

/**
 * Joins CSV documents of the same endpoint (same columns): the first document, then every other
 * document without its header line. Only the header line is cut, so quoted cells with line breaks stay intact.
 */
export function joinCsv(documents: string[]): string {
  const withBreak = (doc: string) => (doc === "" || doc.endsWith("\r\n") ? doc : `${doc}\r\n`);
  const [first, ...rest] = documents;
  if (first === undefined) return "";
  const rows = rest.map((doc) => {
    const end = doc.indexOf("\r\n");
    return end < 0 ? "" : doc.slice(end + 2);
  });
  return withBreak(first) + rows.filter((r) => r !== "").map(withBreak).join("");
}

/** Offers text as a file download. */
export function download(filename: string, text: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type SettingField = { key: keyof Settings; min: number; max: number; section: "alerts" | "reminders" };

/** The realm settings in the order of the Settings page, with the ranges the server accepts (PimSettings.validate). */
export const SETTING_FIELDS: SettingField[] = [
  { key: "tooManyHoldersThreshold", min: 1, max: 100_000, section: "alerts" },
  { key: "unusedEligibilityDays", min: 1, max: 3650, section: "alerts" },
  { key: "staleAccountDays", min: 1, max: 3650, section: "alerts" },
  { key: "frequentActivationCount", min: 1, max: 10_000, section: "alerts" },
  { key: "frequentActivationWindowHours", min: 1, max: 24 * 90, section: "alerts" },
  { key: "elevationEndingReminderMinutes", min: 0, max: 24 * 60, section: "reminders" },
];

/** The setting a 400 invalid_request names ("staleAccountDays must be between 1 and 3650"), if any. */
export function settingsErrorField(description: string | undefined): keyof Settings | undefined {
  const first = description?.trim().split(/\s+/)[0];
  return SETTING_FIELDS.find((f) => f.key === first)?.key;
}

const DAY_MILLIS = 86_400_000;
/** How far an approved renewal reaches when the role's policy sets no longest eligibility. */
export const RENEWAL_DEFAULT_DAYS = 90;

/**
 * The end an approval of a renewal proposes, and the latest one the policy allows: its longest
 * eligibility counts from the eligibility's start (as the server checks a new end), or from now when
 * the eligibility is gone and an approval creates it again. Without a longest eligibility, 90 days from now.
 */
export function renewalEnd(
  policy: { maxEligibilitySeconds: number | null } | undefined,
  eligibilityStart: number | null | undefined,
  now: number,
): { proposed: number; latest: number | null } {
  const max = policy?.maxEligibilitySeconds ?? null;
  if (max === null) return { proposed: now + RENEWAL_DEFAULT_DAYS * DAY_MILLIS, latest: null };
  const latest = (eligibilityStart ?? now) + max * 1000;
  return { proposed: latest > now ? latest : now + RENEWAL_DEFAULT_DAYS * DAY_MILLIS, latest };
}
