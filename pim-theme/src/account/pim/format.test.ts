import { describe, expect, it } from "vitest";
import {
  durationOptions,
  durationParts,
  extendedEnd,
  extensionOptions,
  formatCountdown,
  formatDuration,
  heldSeconds,
} from "./format";

const t = (key: string, options?: Record<string, unknown>) =>
  ({ pimUnitDays: "d", pimUnitHours: "h", pimUnitMinutes: "min", pimUnitSeconds: "s" } as Record<string, string>)[key]
    .replace(/^/, `${options?.count} `);

describe("durationOptions", () => {
  it("offers presets below the policy maximum and the maximum itself", () => {
    expect(durationOptions(28800)).toEqual([300, 900, 1800, 3600, 7200, 14400, 28800]);
  });
  it("offers an odd maximum as the last choice", () => {
    expect(durationOptions(5400)).toEqual([300, 900, 1800, 3600, 5400]);
  });
  it("offers only the maximum when it is the contract minimum", () => {
    expect(durationOptions(60)).toEqual([60]);
  });
  it("never offers more than the maximum", () => {
    for (const max of [60, 61, 299, 300, 3601, 86400, 2592000]) {
      expect(Math.max(...durationOptions(max))).toBe(max);
    }
  });
});

describe("extension choices", () => {
  const now = 1_000_000_000_000;
  const minutes = (n: number) => n * 60_000;

  it("offers only durations that end after the current end", () => {
    // 20 minutes left of an elevation whose role allows 1 h: 30 min and 1 h from now end later.
    expect(extensionOptions(3600, now, now + minutes(20), null)).toEqual([1800, 3600]);
  });
  it("offers nothing while the elevation already runs for the longest time allowed", () => {
    expect(extensionOptions(3600, now, now + minutes(60), null)).toEqual([]);
  });
  it("offers nothing when the eligibility ends no later than the elevation", () => {
    expect(extensionOptions(3600, now, now + minutes(20), now + minutes(20))).toEqual([]);
  });
  it("keeps choices the eligibility's end cuts, as long as they still end later", () => {
    expect(extensionOptions(3600, now, now + minutes(10), now + minutes(40))).toEqual([900, 1800, 3600]);
  });
  it("ends at now + duration, or at the eligibility's end when that comes first", () => {
    expect(extendedEnd(now, 1800, null)).toEqual({ endsAt: now + minutes(30), cut: false });
    expect(extendedEnd(now, 1800, now + minutes(40))).toEqual({ endsAt: now + minutes(30), cut: false });
    expect(extendedEnd(now, 3600, now + minutes(40))).toEqual({ endsAt: now + minutes(40), cut: true });
  });
});

describe("formatDuration", () => {
  it("writes hours and minutes", () => {
    expect(formatDuration(5400, t)).toBe("1 h 30 min");
    expect(formatDuration(28800, t)).toBe("8 h");
    expect(formatDuration(2592000, t)).toBe("30 d");
    expect(formatDuration(45, t)).toBe("45 s");
  });
});

describe("formatCountdown", () => {
  it("counts down as H:MM:SS, rounding up to whole seconds", () => {
    expect(formatCountdown(28_799_001)).toBe("8:00:00");
    expect(formatCountdown(3_599_000)).toBe("0:59:59");
    expect(formatCountdown(61_500)).toBe("0:01:02");
  });
  it("shows days and never goes negative", () => {
    expect(formatCountdown(90_000_000, "d")).toBe("1 d 1:00:00");
    expect(formatCountdown(-5000)).toBe("0:00:00");
  });
  it("splits durations", () => {
    expect(durationParts(90061)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 1 });
  });
});

describe("heldSeconds", () => {
  const window = { startsAt: 1_000_000, endsAt: 1_000_000 + 3_600_000 };
  it("is the time held when the role ended before the requested end", () => {
    expect(heldSeconds({ ...window, status: "DEACTIVATED", endedAt: 1_000_000 + 12_500 })).toBe(12);
    expect(heldSeconds({ ...window, status: "REVOKED", endedAt: 1_000_000 + 600_000 })).toBe(600);
  });
  it("is null for a full window, a running or never started request", () => {
    expect(heldSeconds({ ...window, status: "EXPIRED", endedAt: window.endsAt })).toBeNull();
    expect(heldSeconds({ ...window, status: "ACTIVE", endedAt: null })).toBeNull();
    expect(heldSeconds({ ...window, status: "CANCELLED", endedAt: 1_000_000 + 5_000 })).toBeNull();
    expect(heldSeconds({ ...window, status: "REVOKED", endedAt: window.startsAt - 1 })).toBeNull();
  });
});
