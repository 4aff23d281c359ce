import { describe, expect, it } from "vitest";
import { PimError } from "./api";
import { activationErrorField, decisionErrorField, errorCode, errorMessageKey, KNOWN_ERROR_CODES } from "./errors";

describe("activation errors land on their field", () => {
  it.each([
    ["duration_invalid", "duration"],
    ["justification_required", "justification"],
    ["justification_invalid", "justification"],
    ["ticket_required", "ticket"],
    ["otp_required", "otp"],
    ["invalid_otp", "otp"],
    ["otp_not_configured", "form"],
    ["locked_out", "form"],
    ["not_eligible", "form"],
    ["already_assigned", "form"],
    ["conflict", "form"],
    ["invalid_request", "form"],
  ])("%s -> %s", (code, field) => {
    expect(activationErrorField(code)).toBe(field);
  });
});

describe("decision errors land on their field", () => {
  it("puts OTP errors on the code field and the rest above the form", () => {
    expect(decisionErrorField("invalid_otp")).toBe("otp");
    expect(decisionErrorField("otp_required")).toBe("otp");
    expect(decisionErrorField("self_approval")).toBe("form");
    expect(decisionErrorField("conflict")).toBe("form");
  });
});

describe("message keys", () => {
  it("has one per contract code", () => {
    for (const code of KNOWN_ERROR_CODES) {
      expect(errorMessageKey(code)).toBe(`pimError_${code}`);
    }
  });
  it("words approval conflicts differently", () => {
    expect(errorMessageKey("conflict", "decide")).toBe("pimDecisionError_conflict");
    expect(errorMessageKey("conflict", "activate")).toBe("pimError_conflict");
  });
  it("words the codes an extension means differently", () => {
    expect(errorMessageKey("forbidden", "extend")).toBe("pimExtendError_forbidden");
    expect(errorMessageKey("conflict", "extend")).toBe("pimExtendError_conflict");
    expect(errorMessageKey("duration_invalid", "extend")).toBe("pimExtendError_duration_invalid");
    expect(errorMessageKey("not_found", "extend")).toBe("pimExtendError_not_found");
    expect(errorMessageKey("invalid_otp", "extend")).toBe("pimError_invalid_otp");
  });
  it("words the codes a renewal means differently", () => {
    expect(errorMessageKey("conflict", "renew")).toBe("pimRenewError_conflict");
    expect(errorMessageKey("not_found", "renew")).toBe("pimRenewError_not_found");
    expect(errorMessageKey("invalid_request", "renew")).toBe("pimError_invalid_request");
  });
  it("falls back for unknown codes", () => {
    expect(errorMessageKey("teapot")).toBe("pimError_unknown");
  });
  it("reads the code of an API error, 401 as an ended session", () => {
    expect(errorCode(new PimError(400, "invalid_otp", "wrong"))).toBe("invalid_otp");
    expect(errorCode(new PimError(401, "http_401", undefined))).toBe("unauthorized");
    expect(errorCode(new TypeError("Failed to fetch"))).toBe("network");
  });
});
