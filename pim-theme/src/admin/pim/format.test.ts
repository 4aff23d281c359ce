import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, RENEWAL_STATUSES, REQUEST_STATUSES } from "./api";
import { eligibilityWindowProblem, groupBy, joinCsv, matchesSearch, renewalEnd, SETTING_FIELDS, settingsErrorField } from "./format";

const HOUR = 3600_000;

describe("eligibilityWindowProblem", () => {
  const policy = { allowPermanentEligibility: false, maxEligibilitySeconds: 86400 };
  it("refuses permanent when the policy does not allow it", () => {
    expect(eligibilityWindowProblem(policy, null, null, 0)).toBe("pimPermanentNotAllowed");
    expect(eligibilityWindowProblem({ ...policy, allowPermanentEligibility: true }, null, null, 0)).toBeNull();
  });
  it("bounds the window by maxEligibilitySeconds from the start (or now)", () => {
    expect(eligibilityWindowProblem(policy, null, 24 * HOUR, 0)).toBeNull();
    expect(eligibilityWindowProblem(policy, null, 24 * HOUR + 1000, 0)).toBe("pimEligibilityTooLong");
    expect(eligibilityWindowProblem(policy, 10 * HOUR, 30 * HOUR, 0)).toBeNull();
    expect(eligibilityWindowProblem(policy, 10 * HOUR, 5 * HOUR, 0)).toBe("pimEndBeforeStart");
  });
});

describe("renewalEnd", () => {
  const DAY = 24 * HOUR;
  it("proposes 90 days from now when the policy sets no longest eligibility", () => {
    expect(renewalEnd({ maxEligibilitySeconds: null }, 0, 100 * DAY)).toEqual({ proposed: 190 * DAY, latest: null });
    expect(renewalEnd(undefined, 0, 100 * DAY)).toEqual({ proposed: 190 * DAY, latest: null });
  });
  it("proposes the policy's longest eligibility, counted from the eligibility's start (or now when it is gone)", () => {
    const policy = { maxEligibilitySeconds: 180 * 86400 };
    expect(renewalEnd(policy, 50 * DAY, 100 * DAY)).toEqual({ proposed: 230 * DAY, latest: 230 * DAY });
    expect(renewalEnd(policy, undefined, 100 * DAY)).toEqual({ proposed: 280 * DAY, latest: 280 * DAY });
  });
  it("still proposes a future end when the longest eligibility has passed (the server then explains)", () => {
    expect(renewalEnd({ maxEligibilitySeconds: 10 * 86400 }, 0, 100 * DAY)).toEqual({ proposed: 190 * DAY, latest: 10 * DAY });
  });
});

describe("audit actions", () => {
  it("are every action of the server's AuditAction, in its order", () => {
    const java = readFileSync(join(__dirname, "../../../../pim-provider/src/main/java/dev/kcpim/domain/AuditAction.java"), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "");
    const body = java.slice(java.indexOf("{") + 1, java.indexOf(";", java.indexOf("{")));
    const names = body.split(",").map((n) => n.trim()).filter(Boolean);
    expect(AUDIT_ACTIONS).toEqual(names);
  });
});

describe("joinCsv", () => {
  it("keeps the first header and quoted line breaks of later documents", () => {
    const a = "id,justification\r\n1,x\r\n";
    const b = 'id,justification\r\n2,"two\r\nlines"\r\n';
    expect(joinCsv([a, b])).toBe('id,justification\r\n1,x\r\n2,"two\r\nlines"\r\n');
    expect(joinCsv([a, "id,justification\r\n"])).toBe(a);
  });
});

describe("groupBy and matchesSearch", () => {
  it("groups rows by key, sorted by label", () => {
    const groups = groupBy([{ r: "b" }, { r: "a" }, { r: "b" }], (x) => x.r, (x) => x.r);
    expect(groups.map((g) => [g.label, g.rows.length])).toEqual([["a", 1], ["b", 2]]);
  });
  it("matches case-insensitively on any value", () => {
    expect(matchesSearch("ALI", "bob", "Alice")).toBe(true);
    expect(matchesSearch("zed", "bob", null)).toBe(false);
  });
});

describe("settings", () => {
  it("finds the field the server's invalid_request names", () => {
    expect(settingsErrorField("staleAccountDays must be between 1 and 3650")).toBe("staleAccountDays");
    expect(settingsErrorField("elevationEndingReminderMinutes must be between 0 and 1440")).toBe("elevationEndingReminderMinutes");
    expect(settingsErrorField("invalid JSON")).toBeUndefined();
    expect(settingsErrorField(undefined)).toBeUndefined();
  });
  it("has the six settings of the API, each once", () => {
    expect(SETTING_FIELDS.map((f) => f.key).sort()).toEqual([
      "elevationEndingReminderMinutes", "frequentActivationCount", "frequentActivationWindowHours",
      "staleAccountDays", "tooManyHoldersThreshold", "unusedEligibilityDays",
    ]);
  });
});

describe("admin messages", () => {
  const dir = join(__dirname, "../../main/resources/theme/pim/admin/messages");
  const read = (file: string) =>
    new Map(
      readFileSync(join(dir, file), "utf8")
        .split("\n")
        .filter((l) => l.includes("=") && !l.startsWith("#"))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const),
    );
  const en = read("messages_en.properties");
  const de = read("messages_de.properties");
  const sources = (path: string): string[] =>
    statSync(path).isDirectory() ? readdirSync(path).flatMap((f) => sources(join(path, f))) : path.endsWith(".tsx") || path.endsWith(".ts") ? [path] : [];

  it("has the same keys in English and German", () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
  });
  it("has every pim key the pages use", () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, ".."))) {
      for (const m of readFileSync(file, "utf8").matchAll(/t\("(pim[A-Za-z_]+)"/g)) used.add(m[1]);
    }
    for (const { key } of SETTING_FIELDS) used.add(`pimSetting_${key}`).add(`pimSettingHelp_${key}`);
    for (const status of REQUEST_STATUSES) used.add(`pimStatus_${status}`);
    for (const status of RENEWAL_STATUSES) used.add(`pimRenewalStatus_${status}`);
    for (const severity of ["HIGH", "MEDIUM", "LOW"]) used.add(`pimSeverity_${severity}`);
    const known = (key: string) => en.has(key) || en.has(`${key}_one`);
    expect([...used].filter((key) => !known(key))).toEqual([]);
  });
});
