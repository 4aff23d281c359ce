import { describe, expect, it } from "vitest";
import { canRenew, endingSoon, extensionBasis, pendingExtensionOf, pendingRenewalOf, RENEWAL_WINDOW_MILLIS } from "./elevations";

const now = 1_000_000_000_000;
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 24 * 60 * 60_000;

const entry = (overrides: Partial<{ roleId: string; via: "USER" | "GROUP"; endsAt: number | null; allowExtension: boolean; requireApproval: boolean }> = {}) => ({
  eligibilityId: "e-1",
  role: { id: overrides.roleId ?? "r-1" },
  via: { type: overrides.via ?? "USER" },
  endsAt: overrides.endsAt === undefined ? null : overrides.endsAt,
  policy: { allowExtension: overrides.allowExtension, requireApproval: overrides.requireApproval ?? false },
});

const request = (overrides: Partial<{ id: string; roleId: string; kind: string; status: string; endsAt: number; extends: string | null }> = {}) => ({
  id: overrides.id ?? "q-1",
  role: { id: overrides.roleId ?? "r-1" },
  kind: overrides.kind ?? "ACTIVATION",
  status: overrides.status ?? "ACTIVE",
  endsAt: overrides.endsAt ?? now + minutes(30),
  extends: overrides.extends ?? null,
});

describe("extensionBasis", () => {
  it("offers extending the user's own activation, also when the policy requires approval", () => {
    const withApproval = entry({ requireApproval: true });
    expect(extensionBasis(request(), [withApproval])).toBe(withApproval);
    expect(extensionBasis(request(), [entry()])).toBeDefined();
  });
  it("never offers it for an admin's assignment, where the policy forbids it, or without the eligibility", () => {
    expect(extensionBasis(request({ kind: "ASSIGNMENT" }), [entry()])).toBeUndefined();
    expect(extensionBasis(request(), [entry({ allowExtension: false })])).toBeUndefined();
    expect(extensionBasis(request(), [entry({ roleId: "other" })])).toBeUndefined();
    expect(extensionBasis(request(), undefined)).toBeUndefined();
  });
});

describe("pendingExtensionOf", () => {
  it("finds the EXTENSION waiting for approval of that elevation only", () => {
    const waiting = request({ id: "x-1", kind: "EXTENSION", status: "PENDING_APPROVAL", extends: "q-1" });
    const applied = request({ id: "x-0", kind: "EXTENSION", status: "APPLIED", extends: "q-1" });
    const other = request({ id: "x-2", kind: "EXTENSION", status: "PENDING_APPROVAL", extends: "q-9" });
    const activation = request({ id: "q-2", status: "PENDING_APPROVAL" });
    expect(pendingExtensionOf("q-1", [applied, other, activation, waiting])).toBe(waiting);
    expect(pendingExtensionOf("q-1", [applied, other, activation])).toBeUndefined();
    expect(pendingExtensionOf("q-1", undefined)).toBeUndefined();
  });
});

describe("canRenew", () => {
  it("offers renewing the user's own eligibility from 14 days before its end", () => {
    expect(canRenew(entry({ endsAt: now + RENEWAL_WINDOW_MILLIS }), now)).toBe(true);
    expect(canRenew(entry({ endsAt: now + days(2) }), now)).toBe(true);
    expect(canRenew(entry({ endsAt: now + RENEWAL_WINDOW_MILLIS + 1 }), now)).toBe(false);
  });
  it("never for a permanent eligibility or a group's", () => {
    expect(canRenew(entry({ endsAt: null }), now)).toBe(false);
    expect(canRenew(entry({ via: "GROUP", endsAt: now + days(2) }), now)).toBe(false);
  });
});

describe("pendingRenewalOf", () => {
  it("finds the PENDING renewal of that eligibility only", () => {
    const decided = { eligibilityId: "e-1", status: "DENIED" };
    const pending = { eligibilityId: "e-1", status: "PENDING" };
    expect(pendingRenewalOf("e-1", [decided, { eligibilityId: "e-2", status: "PENDING" }, pending])).toBe(pending);
    expect(pendingRenewalOf("e-1", [decided])).toBeUndefined();
  });
});

describe("endingSoon", () => {
  const a = request({ id: "a", endsAt: now + minutes(8) });
  const b = request({ id: "b", endsAt: now + minutes(3) });
  const later = request({ id: "c", endsAt: now + minutes(40) });
  it("lists ACTIVE elevations ending within the reminder time, soonest first", () => {
    expect(endingSoon([a, later, b], now, 10).map((r) => r.id)).toEqual(["b", "a"]);
  });
  it("takes one in when the countdown enters the window", () => {
    expect(endingSoon([later], now, 30)).toEqual([]);
    expect(endingSoon([later], now + minutes(10), 30)).toEqual([later]);
  });
  it("shows nothing when the reminder is off, unknown, or the elevation has ended", () => {
    expect(endingSoon([a, b], now, 0)).toEqual([]);
    expect(endingSoon([a, b], now, undefined)).toEqual([]);
    expect(endingSoon([b], now + minutes(3), 10)).toEqual([]);
  });
});
