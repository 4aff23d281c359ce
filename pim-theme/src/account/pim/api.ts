import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import type { KeycloakContext } from "@keycloak/keycloak-ui-shared";

/** Types and calls of the self-service PIM API at /realms/{realm}/pim (see the HTTP contract v1). */

export type Role = {
  id: string;
  name: string;
  clientId: string | null;
  description?: string | null;
};

export type Approvers = { users?: string[]; groups?: string[]; roles?: string[] };

export type Policy = {
  role?: Role;
  maxActivationSeconds: number;
  requireOtp: boolean;
  requireJustification: boolean;
  justificationPattern: string | null;
  /** The required format in words (an addition to the contract); shown instead of the raw pattern. */
  justificationHint?: string | null;
  requireTicket: boolean;
  requireApproval: boolean;
  approvers?: Approvers;
  minApprovals?: number;
  approvalTimeoutSeconds?: number;
  /** Whether approvers must enter a one-time code to decide (an addition to the contract). */
  approverRequireOtp?: boolean | null;
  /** Whether an ACTIVE elevation may be extended (contract v1.1; absent from older servers: true). */
  allowExtension?: boolean;
};

export type UserRef = { id: string; username: string };

export type Decision = {
  approver: UserRef;
  decision: "APPROVE" | "DENY";
  reason: string | null;
  at: number;
};

export type RequestStatus =
  | "PENDING_APPROVAL"
  | "SCHEDULED"
  | "ACTIVE"
  | "EXPIRED"
  | "DEACTIVATED"
  | "REVOKED"
  | "DENIED"
  | "CANCELLED"
  | "REQUEST_EXPIRED"
  /** An approved EXTENSION: the end of the elevation it extends moved (contract v1.1). */
  | "APPLIED";

export const REQUEST_STATUSES: RequestStatus[] = [
  "PENDING_APPROVAL",
  "SCHEDULED",
  "ACTIVE",
  "EXPIRED",
  "DEACTIVATED",
  "REVOKED",
  "DENIED",
  "CANCELLED",
  "REQUEST_EXPIRED",
  "APPLIED",
];

export type RequestKind = "ACTIVATION" | "ASSIGNMENT" | "EXTENSION";
export const REQUEST_KINDS: RequestKind[] = ["ACTIVATION", "ASSIGNMENT", "EXTENSION"];

export type PimRequest = {
  id: string;
  user: UserRef;
  role: Role;
  eligibilityId: string | null;
  /** EXTENSION (v1.1): a request to move the end of an ACTIVE elevation (`extends`) later, waiting for approvers. */
  kind: RequestKind;
  status: RequestStatus;
  requestedAt: number;
  startsAt: number;
  endsAt: number;
  durationSeconds: number;
  justification: string | null;
  ticket: string | null;
  decisions: Decision[];
  endedAt: number | null;
  endReason: string | null;
  /** For kind EXTENSION: the id of the elevation it extends; null otherwise (v1.1). */
  extends?: string | null;
  /** In GET /approvals, for an EXTENSION: the current end of the elevation it would extend. */
  extendedEndsAt?: number | null;
  /** The role's policy, when the approvals endpoint sends it along (an addition to the contract). */
  policy?: Policy | null;
};

export type EligibleRole = {
  eligibilityId: string;
  role: Role;
  via: { type: "USER" | "GROUP"; groupPath: string | null };
  startsAt: number | null;
  endsAt: number | null;
  policy: Policy;
  activeRequest: PimRequest | null;
};

/** One of the caller's own eligibilities as GET /me/renewable lists them (ended ones included). */
export type OwnEligibility = {
  id: string;
  role: Role;
  startsAt: number;
  endsAt: number | null;
  state: "ELIGIBLE" | "FUTURE" | "EXPIRED";
};

export type RenewalStatus = "PENDING" | "APPROVED" | "DENIED";
export const RENEWAL_STATUSES: RenewalStatus[] = ["PENDING", "APPROVED", "DENIED"];

/** A request to renew a time-bound eligibility (v1.1), decided by an administrator. */
export type Renewal = {
  id: string;
  eligibilityId: string;
  user: UserRef;
  role: Role;
  status: RenewalStatus;
  requestedAt: number;
  justification: string | null;
  /** The eligibility's end when the user asked. */
  eligibilityEndsAt: number;
  decidedBy: UserRef | null;
  decidedAt: number | null;
  reason: string | null;
  /** The new end an approval set. */
  endsAt: number | null;
  resultEligibilityId: string | null;
};

/** What the account console needs of the realm's PIM settings (GET /me/settings). */
export type MySettings = {
  /** How long before its end an elevation counts as ending soon; 0: no banner. */
  elevationEndingReminderMinutes: number;
};

/** What the activate and extend dialogs send: the duration and what the policy asks for. */
export type ElevationInput = {
  durationSeconds: number;
  justification?: string;
  ticket?: string;
  otp?: string;
};

export type ActivationInput = ElevationInput & { roleId: string };

export type DecisionInput = {
  decision: "APPROVE" | "DENY";
  reason: string;
  otp?: string;
};

/** A non-2xx answer of the PIM API: the contract's {"error", "error_description"}. */
export class PimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string | undefined,
  ) {
    super(description ? `${code}: ${description}` : code);
    this.name = "PimError";
  }
}

export type PimContext = KeycloakContext<AccountEnvironment>;

export type PimResponse<T> = { body: T; headers: Headers };

function baseUrl({ environment }: PimContext): string {
  const server = environment.serverBaseUrl.replace(/\/+$/, "");
  return `${server}/realms/${encodeURIComponent(environment.realm)}/pim`;
}

/** A new access token now (after an early end revoked the current one); false if the session is gone. */
export async function refreshToken(context: PimContext): Promise<boolean> {
  try {
    return await context.keycloak.updateToken(-1);
  } catch {
    return false;
  }
}

async function send<T>(
  context: PimContext,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<PimResponse<T>> {
  try {
    // Refreshes the console's access token when it expires within 5 seconds.
    await context.keycloak.updateToken(5);
  } catch {
    // The call below answers 401 if the session is gone; keycloak-js then logs in again.
  }
  const call = () => {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (context.keycloak.token) {
      headers.Authorization = `Bearer ${context.keycloak.token}`;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    return fetch(`${baseUrl(context)}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  };
  let response = await call();
  if (response.status === 401 && context.keycloak.token) {
    // An early end of an elevation revokes the access tokens issued with it (this console's too):
    // get a fresh one with the refresh token, which keeps working, and ask once more (a 401 did nothing).
    if (await refreshToken(context)) {
      response = await call();
    }
  }
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    const error = (json ?? {}) as { error?: string; error_description?: string };
    throw new PimError(
      response.status,
      error.error ?? `http_${response.status}`,
      error.error_description,
    );
  }
  return { body: json as T, headers: response.headers };
}

export async function getEligible(context: PimContext, signal?: AbortSignal) {
  return (await send<EligibleRole[]>(context, "GET", "/me/eligible", undefined, signal)).body;
}

export async function activate(context: PimContext, input: ActivationInput) {
  return (await send<PimRequest>(context, "POST", "/me/requests", input)).body;
}

export async function getMyRequests(
  context: PimContext,
  query: { status?: RequestStatus; first: number; max: number },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ first: String(query.first), max: String(query.max) });
  if (query.status) {
    params.set("status", query.status);
  }
  return (await send<PimRequest[]>(context, "GET", `/me/requests?${params}`, undefined, signal)).body;
}

/** Ends the elevation; the console's access token (revoked with it) is replaced at once, for Keycloak's pages too. */
export async function deactivate(context: PimContext, requestId: string) {
  const request = (
    await send<PimRequest>(context, "POST", `/me/requests/${encodeURIComponent(requestId)}/deactivate`, {})
  ).body;
  await refreshToken(context);
  return request;
}

export async function getMyRequest(context: PimContext, requestId: string, signal?: AbortSignal) {
  return (await send<PimRequest>(context, "GET", `/me/requests/${encodeURIComponent(requestId)}`, undefined, signal)).body;
}

/**
 * Moves the end of an ACTIVE elevation later: the same request runs on (same mapping, no gap) with
 * endsAt = now + durationSeconds, never past the eligibility's end. When the policy requires
 * approval the answer is instead a new request of kind EXTENSION, PENDING_APPROVAL, whose `extends`
 * is the elevation (which runs on unchanged until the approvers decide).
 */
export async function extend(context: PimContext, requestId: string, input: ElevationInput) {
  return (
    await send<PimRequest>(context, "POST", `/me/requests/${encodeURIComponent(requestId)}/extend`, input)
  ).body;
}

export async function cancel(context: PimContext, requestId: string) {
  return (
    await send<PimRequest>(context, "POST", `/me/requests/${encodeURIComponent(requestId)}/cancel`, {})
  ).body;
}

/** Asks an administrator to renew the caller's own time-bound eligibility (201 with the PENDING renewal). */
export async function renew(context: PimContext, eligibilityId: string, justification: string) {
  return (
    await send<Renewal>(context, "POST", `/me/eligibilities/${encodeURIComponent(eligibilityId)}/renew`, { justification })
  ).body;
}

/** The caller's renewal requests, newest first. */
export async function getMyRenewals(context: PimContext, query: { first: number; max: number }, signal?: AbortSignal) {
  const params = new URLSearchParams({ first: String(query.first), max: String(query.max) });
  return (await send<Renewal[]>(context, "GET", `/me/renewals?${params}`, undefined, signal)).body;
}

/** The caller's own eligibilities that may be renewed now (ending within 14 days or ended within 30), soonest end first. */
export async function getRenewable(context: PimContext, signal?: AbortSignal) {
  return (await send<OwnEligibility[]>(context, "GET", "/me/renewable", undefined, signal)).body;
}

export async function getMySettings(context: PimContext, signal?: AbortSignal) {
  return (await send<MySettings>(context, "GET", "/me/settings", undefined, signal)).body;
}

export type Approvals = {
  requests: PimRequest[];
  /** Set when the server says the caller is an approver (response header X-PIM-Approver: true). */
  approver: boolean;
};

/** GET /approvals; a 404 (approvals not available on this server) is returned as null. */
export async function getApprovals(context: PimContext, signal?: AbortSignal): Promise<Approvals | null> {
  try {
    const { body, headers } = await send<PimRequest[]>(context, "GET", "/approvals", undefined, signal);
    return {
      requests: Array.isArray(body) ? body : [],
      approver: headers.get("X-PIM-Approver")?.toLowerCase() === "true",
    };
  } catch (error) {
    if (error instanceof PimError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

export async function decide(context: PimContext, requestId: string, input: DecisionInput) {
  return (await send<PimRequest>(context, "POST", `/approvals/${encodeURIComponent(requestId)}`, input)).body;
}

/** What My roles and the ends-soon banner show: eligibilities, ACTIVE elevations (soonest end first), requests waiting for approvers. */
export type MyElevations = { eligible: EligibleRole[]; active: PimRequest[]; pending: PimRequest[] };

export async function getMyElevations(context: PimContext, signal?: AbortSignal): Promise<MyElevations> {
  const [eligible, active, pending] = await Promise.all([
    getEligible(context, signal),
    getMyRequests(context, { status: "ACTIVE", first: 0, max: 100 }, signal),
    getMyRequests(context, { status: "PENDING_APPROVAL", first: 0, max: 100 }, signal),
  ]);
  return { eligible, active: [...active].sort((a, b) => a.endsAt - b.endsAt), pending };
}

/** The realm's reminder time, 0 (no banner) when the server does not say (a server before v1.1). */
export async function getReminderMinutes(context: PimContext, signal?: AbortSignal): Promise<number> {
  try {
    return (await getMySettings(context, signal)).elevationEndingReminderMinutes ?? 0;
  } catch (error) {
    if (signal?.aborted) throw error;
    return 0;
  }
}

/** The role as users know it: "name" for a realm role, "clientId name" for a client role. */
export function roleLabel(role: Role): string {
  return role.clientId ? `${role.clientId} ${role.name}` : role.name;
}
