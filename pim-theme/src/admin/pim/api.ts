import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";

/** Types and calls of the PIM admin API at /admin/realms/{realm}/pim (the HTTP contract v1 and v1.1). */

export type Role = { id: string; name: string; clientId: string | null; description?: string | null };
export type UserRef = { id: string; username: string };
/** GET /roles: a role of the realm, whether PIM manages it and whether the signed-in admin may grant it. */
export type AdminRole = Role & { managed: boolean; grantable: boolean };
export type Approvers = { users: string[]; groups: string[]; roles: string[] };

export type Policy = {
  role?: Role;
  maxActivationSeconds: number;
  requireOtp: boolean;
  requireJustification: boolean;
  justificationPattern: string | null;
  justificationHint?: string | null;
  requireTicket: boolean;
  requireApproval: boolean;
  approvers: Approvers;
  minApprovals: number;
  approvalTimeoutSeconds: number;
  allowPermanentEligibility: boolean;
  maxEligibilitySeconds: number | null;
  approverRequireOtp?: boolean | null;
  /** Whether users may extend an ACTIVE elevation (v1.1, default true). */
  allowExtension: boolean;
};

/** GET/PUT /settings: the realm's alert thresholds and reminder time (PimSettings on the server). */
export type Settings = {
  tooManyHoldersThreshold: number;
  unusedEligibilityDays: number;
  staleAccountDays: number;
  frequentActivationCount: number;
  frequentActivationWindowHours: number;
  elevationEndingReminderMinutes: number;
};

export type EligibilityState = "ELIGIBLE" | "FUTURE" | "EXPIRED";
export type Eligibility = {
  id: string;
  principal: { type: "USER" | "GROUP"; id: string; name: string | null };
  role: Role;
  startsAt: number | null;
  endsAt: number | null;
  createdBy: string | null;
  createdAt: number | null;
  justification: string | null;
  state: EligibilityState;
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
  /** An approved EXTENSION: the end of the request it extends moved. */
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

/** ACTIVATION (the user's), ASSIGNMENT (an admin's), EXTENSION (a user's wish to move an ACTIVE elevation's end, waiting for approval). */
export type RequestKind = "ACTIVATION" | "ASSIGNMENT" | "EXTENSION";

export type Decision = { approver: UserRef; decision: "APPROVE" | "DENY"; reason: string | null; at: number };
export type PimRequest = {
  id: string;
  user: UserRef;
  role: Role;
  eligibilityId: string | null;
  kind: RequestKind;
  status: RequestStatus;
  requestedAt: number;
  /** Who made it: the user (activation) or the admin (assignment). */
  requestedBy: string | null;
  startsAt: number;
  endsAt: number;
  durationSeconds: number;
  justification: string | null;
  ticket: string | null;
  decisions: Decision[];
  /** When a PENDING_APPROVAL request times out; null otherwise. */
  approvalDeadline: number | null;
  endedAt: number | null;
  endReason: string | null;
  /** For an EXTENSION: the id of the request it extends; null otherwise. */
  extends?: string | null;
  /** How often the elevation's end was moved later. */
  extensions?: number;
};

export type AuditEntry = {
  seq: number;
  at: number;
  actor: { id: string | null; username: string | null } | null;
  action: string;
  userId: string | null;
  roleId: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
};

/** Every action of the audit, in the order of the server's AuditAction (format.test.ts compares the two). */
export const AUDIT_ACTIONS = [
  "POLICY_UPDATED",
  "POLICY_DELETED",
  "ELIGIBILITY_CREATED",
  "ELIGIBILITY_DELETED",
  "ELIGIBILITY_UPDATED",
  "ELEVATION_SHORTENED",
  "BASIS_CHANGED",
  "ASSIGNMENT_CREATED",
  "ACTIVATION_REQUESTED",
  "ACTIVATION_REJECTED",
  "APPROVAL_DECIDED",
  "ACTIVATED",
  "SCHEDULED",
  "STARTED",
  "DENIED",
  "CANCELLED",
  "DEACTIVATED",
  "REVOKED",
  "EXPIRED",
  "REQUEST_EXPIRED",
  "OTP_FAILED",
  "MAPPING_REMOVED_OUTSIDE_PIM",
  "STANDING_ACCESS_GRANTED",
  "CLEANED_UP",
  "APPROVED",
  "DECISION_REJECTED",
  "NOTIFICATION_FAILED",
  "EXTENDED",
  "EXTENSION_REQUESTED",
  "EXTENSION_REJECTED",
  "SETTINGS_UPDATED",
  "STANDING_ACCESS_REMEDIATED",
  "RENEWAL_REQUESTED",
  "RENEWAL_REJECTED",
  "RENEWAL_DECIDED",
];

export type AlertSeverity = "HIGH" | "MEDIUM" | "LOW";
/** GET /alerts: one finding; no user for an item about a role (ROLE_WITHOUT_OTP, TOO_MANY_HOLDERS) or a group's eligibility. */
export type AlertItem = {
  userId: string | null;
  username: string | null;
  roleId: string;
  role: string;
  detail: string;
  /** STANDING_ACCESS: how the role is held; only a DIRECT grant has the remedy. */
  via?: "DIRECT" | "GROUP" | "COMPOSITE" | null;
};
export type PimAlert = {
  type: string;
  severity: AlertSeverity;
  title: string;
  description: string;
  /** Every item found; items lists at most 1,000. */
  count: number;
  items: AlertItem[];
  lastEvaluatedAt: number;
};
export type RemedyResult = { eligibility: Eligibility; eligibilityCreated: boolean; mappingRemoved: boolean };

export type RenewalStatus = "PENDING" | "APPROVED" | "DENIED";
export const RENEWAL_STATUSES: RenewalStatus[] = ["PENDING", "APPROVED", "DENIED"];
/** GET /renewals: a user's request to renew their eligibility, with the admin's decision once made. */
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
  /** The end an approval set. */
  endsAt: number | null;
  /** The eligibility an approval extended or created again. */
  resultEligibilityId: string | null;
};
export type RenewalDecision = { decision: "APPROVE"; endsAt: number; reason?: string } | { decision: "DENY"; reason: string };

export type RoleRef = { roleId: string };
export type EligibilityInput = RoleRef & {
  principalType: "USER" | "GROUP";
  principalId: string;
  startsAt?: number | null;
  endsAt?: number | null;
  justification?: string;
};
export type AssignmentInput = RoleRef & {
  userId: string;
  startsAt?: number | null;
  endsAt: number;
  justification?: string;
};

/** A non-2xx answer of the PIM API: the contract's {"error", "error_description"}. */
export class PimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string | undefined,
  ) {
    super(description ? description : code);
    this.name = "PimError";
  }
}

type Query = Record<string, string | number | undefined | null>;

/** The admin API of one realm, called with the console's own token (the admin client's token provider). */
export class PimAdminApi {
  constructor(
    private readonly adminClient: KeycloakAdminClient,
    private readonly realm: string,
  ) {}

  private url(path: string, query?: Query): string {
    const base = `${this.adminClient.baseUrl.replace(/\/+$/, "")}/admin/realms/${encodeURIComponent(this.realm)}/pim`;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== "") {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return `${base}${path}${search ? `?${search}` : ""}`;
  }

  private async send(method: string, path: string, options: { query?: Query; body?: unknown; accept?: string; signal?: AbortSignal } = {}) {
    const token = await this.adminClient.getAccessToken();
    const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(this.url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    if (!response.ok) {
      let error: { error?: string; error_description?: string } = {};
      try {
        error = (await response.json()) as typeof error;
      } catch {
        // no JSON body
      }
      throw new PimError(response.status, error.error ?? `http_${response.status}`, error.error_description);
    }
    return response;
  }

  private async json<T>(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A list endpoint's CSV (the API's own text/csv answer). */
  async csv(path: "/eligibilities" | "/requests" | "/audit" | "/policies", query?: Query): Promise<string> {
    return (await this.send("GET", path, { query, accept: "text/csv" })).text();
  }

  roles(query: { search?: string; grantable?: boolean; managed?: boolean; first?: number; max?: number }, signal?: AbortSignal) {
    return this.json<AdminRole[]>("GET", "/roles", { query: { ...query, grantable: query.grantable?.toString(), managed: query.managed?.toString() }, signal });
  }
  policies(signal?: AbortSignal) {
    return this.json<Policy[]>("GET", "/policies", { signal });
  }
  policy(roleId: string, signal?: AbortSignal) {
    return this.json<Policy>("GET", `/policies/${encodeURIComponent(roleId)}`, { signal });
  }
  updatePolicy(roleId: string, policy: Omit<Policy, "role">) {
    return this.json<Policy>("PUT", `/policies/${encodeURIComponent(roleId)}`, { body: policy });
  }
  deletePolicy(roleId: string) {
    return this.send("DELETE", `/policies/${encodeURIComponent(roleId)}`);
  }
  eligibilities(query: { roleId?: string; userId?: string; state?: EligibilityState; first?: number; max?: number }, signal?: AbortSignal) {
    return this.json<Eligibility[]>("GET", "/eligibilities", { query, signal });
  }
  createEligibility(input: EligibilityInput) {
    return this.json<Eligibility>("POST", "/eligibilities", { body: input });
  }
  eligibility(id: string, signal?: AbortSignal) {
    return this.json<Eligibility>("GET", `/eligibilities/${encodeURIComponent(id)}`, { signal });
  }
  deleteEligibility(id: string) {
    return this.send("DELETE", `/eligibilities/${encodeURIComponent(id)}`);
  }
  assign(input: AssignmentInput) {
    return this.json<PimRequest>("POST", "/assignments", { body: input });
  }
  requests(query: { status?: RequestStatus; userId?: string; roleId?: string; first?: number; max?: number }, signal?: AbortSignal) {
    return this.json<PimRequest[]>("GET", "/requests", { query, signal });
  }
  revoke(id: string, reason: string) {
    return this.json<PimRequest>("POST", `/requests/${encodeURIComponent(id)}/revoke`, { body: { reason } });
  }
  settings(signal?: AbortSignal) {
    return this.json<Settings>("GET", "/settings", { signal });
  }
  updateSettings(settings: Settings) {
    return this.json<Settings>("PUT", "/settings", { body: settings });
  }
  alerts(signal?: AbortSignal) {
    return this.json<PimAlert[]>("GET", "/alerts", { signal });
  }
  /** Turns a direct standing grant into an eligibility, permanent unless endsAt (POST /alerts/STANDING_ACCESS/remediate). */
  remediateStandingAccess(input: { userId: string; roleId: string; justification: string; endsAt?: number }) {
    return this.json<RemedyResult>("POST", "/alerts/STANDING_ACCESS/remediate", { body: input });
  }
  renewals(query: { status?: RenewalStatus; first?: number; max?: number }, signal?: AbortSignal) {
    return this.json<Renewal[]>("GET", "/renewals", { query, signal });
  }
  decideRenewal(id: string, decision: RenewalDecision) {
    return this.json<Renewal>("POST", `/renewals/${encodeURIComponent(id)}`, { body: decision });
  }
  audit(query: { userId?: string; action?: string; from?: number; to?: number; first?: number; max?: number }, signal?: AbortSignal) {
    return this.json<AuditEntry[]>("GET", "/audit", { query, signal });
  }
}

/** The role as admins know it: "name" for a realm role, "clientId name" for a client role. */
export function roleLabel(role: Pick<Role, "name" | "clientId">): string {
  return role.clientId ? `${role.clientId} ${role.name}` : role.name;
}
