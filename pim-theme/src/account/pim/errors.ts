import { PimError } from "./api";

/** The fields of the activate and extend dialogs an error can belong to; "form" is an alert above the fields. */
export type ActivationField = "duration" | "justification" | "ticket" | "otp" | "form";

/** The fields of the approve/deny dialog an error can belong to. */
export type DecisionField = "reason" | "otp" | "form";

const ACTIVATION_FIELDS: Record<string, ActivationField> = {
  duration_invalid: "duration",
  justification_required: "justification",
  justification_invalid: "justification",
  ticket_required: "ticket",
  otp_required: "otp",
  invalid_otp: "otp",
};

const DECISION_FIELDS: Record<string, DecisionField> = {
  otp_required: "otp",
  invalid_otp: "otp",
};

/** Every error code of the contract (v1); each has a message pimError_<code> in the bundle. */
export const KNOWN_ERROR_CODES = [
  "invalid_request",
  "justification_required",
  "justification_invalid",
  "ticket_required",
  "duration_invalid",
  "otp_required",
  "invalid_otp",
  "otp_not_configured",
  "locked_out",
  "not_eligible",
  "already_assigned",
  "forbidden",
  "self_approval",
  "not_found",
  "conflict",
] as const;

export function errorCode(error: unknown): string {
  if (error instanceof PimError) {
    if (error.status === 401) {
      return "unauthorized";
    }
    return error.code;
  }
  return "network";
}

export function activationErrorField(code: string): ActivationField {
  return ACTIVATION_FIELDS[code] ?? "form";
}

export function decisionErrorField(code: string): DecisionField {
  return DECISION_FIELDS[code] ?? "form";
}

/** Codes whose meaning differs for an extension: pimExtendError_<code>. */
export const EXTENSION_ERROR_CODES = ["forbidden", "conflict", "duration_invalid", "not_found"] as const;

/** Codes whose meaning differs for a renewal: pimRenewError_<code>. */
export const RENEWAL_ERROR_CODES = ["conflict", "not_found"] as const;

/**
 * The bundle key of an error's message. Approvals have their own wording for forbidden, conflict
 * and not_found (pimDecisionError_<code>), extensions for EXTENSION_ERROR_CODES (pimExtendError_<code>),
 * renewals for RENEWAL_ERROR_CODES (pimRenewError_<code>).
 */
export function errorMessageKey(
  code: string,
  action: "activate" | "extend" | "decide" | "renew" | "other" = "other",
): string {
  if (action === "renew" && (RENEWAL_ERROR_CODES as readonly string[]).includes(code)) {
    return `pimRenewError_${code}`;
  }
  if (action === "decide" && (code === "forbidden" || code === "conflict" || code === "not_found")) {
    return `pimDecisionError_${code}`;
  }
  if (action === "extend" && (EXTENSION_ERROR_CODES as readonly string[]).includes(code)) {
    return `pimExtendError_${code}`;
  }
  if ((KNOWN_ERROR_CODES as readonly string[]).includes(code) || code === "unauthorized" || code === "network") {
    return `pimError_${code}`;
  }
  return "pimError_unknown";
}

/** The server's own words, for codes whose bundle message is generic. */
export function errorDescription(error: unknown): string {
  if (error instanceof PimError) {
    return error.description ?? error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
