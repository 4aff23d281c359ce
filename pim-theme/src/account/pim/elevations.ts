/**
 * What My roles offers on an elevation or an eligibility (extend, renew) and what waits already,
 * decided from the self-service API's answers alone. Pure: every function takes `now` (epoch ms).
 */

const DAY = 24 * 60 * 60 * 1000;

/** The server's renewal window (RenewalRules.BEFORE_END): a time-bound eligibility ending within 14 days. */
export const RENEWAL_WINDOW_MILLIS = 14 * DAY;

type RoleRef = { id: string };
type PolicyLike = { allowExtension?: boolean };
type EntryLike = {
  eligibilityId: string;
  role: RoleRef;
  via: { type: "USER" | "GROUP" };
  endsAt: number | null;
  policy: PolicyLike;
};
type RequestLike = {
  id: string;
  role: RoleRef;
  kind: string;
  status: string;
  endsAt: number;
  extends?: string | null;
};

/**
 * The eligibility an ACTIVE elevation of the user can be extended on, or undefined: only the user's
 * own activations (an admin's assignment keeps the end the admin chose: the server answers 403) and
 * only when the role's policy allows extending. A policy that requires approval still allows it: the
 * extension then waits for the approvers.
 */
export function extensionBasis<E extends EntryLike>(request: RequestLike, eligible: E[] | undefined): E | undefined {
  if (request.kind !== "ACTIVATION") return undefined;
  const entry = eligible?.find((e) => e.role.id === request.role.id);
  return entry && entry.policy.allowExtension !== false ? entry : undefined;
}

/** The EXTENSION of the elevation that waits for approval (the server allows one per elevation), or undefined. */
export function pendingExtensionOf<R extends RequestLike>(elevationId: string, requests: R[] | undefined): R | undefined {
  return requests?.find((r) => r.kind === "EXTENSION" && r.status === "PENDING_APPROVAL" && r.extends === elevationId);
}

/**
 * Whether the user may ask to renew this eligibility now: their own (a group's is renewed by an
 * admin), time-bound, ending within 14 days. (/me/eligible lists only eligibilities in force; the ones
 * that ended within 30 days come from /me/renewable, in their own section.)
 */
export function canRenew(entry: EntryLike, now: number): boolean {
  return entry.via.type === "USER" && entry.endsAt !== null && entry.endsAt - now <= RENEWAL_WINDOW_MILLIS;
}

/** The renewal of the eligibility that waits for an administrator, or undefined. */
export function pendingRenewalOf<T extends { eligibilityId: string; status: string }>(
  eligibilityId: string,
  renewals: T[] | undefined,
): T | undefined {
  return renewals?.find((r) => r.eligibilityId === eligibilityId && r.status === "PENDING");
}

/**
 * The ACTIVE elevations that end within the realm's reminder time (minutes; 0 turns it off), soonest
 * first. One that has ended already is not "ending soon" (the page reloads it away).
 */
export function endingSoon<R extends RequestLike>(active: R[] | undefined, now: number, reminderMinutes: number | undefined): R[] {
  if (!active || !reminderMinutes || reminderMinutes <= 0) return [];
  const window = reminderMinutes * 60 * 1000;
  return active
    .filter((r) => r.status === "ACTIVE" && r.endsAt > now && r.endsAt - now <= window)
    .sort((a, b) => a.endsAt - b.endsAt);
}
