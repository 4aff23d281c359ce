package dev.kcpim.rest.representation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A request waiting for the caller's decision: the request's fields (with its approvalDeadline), plus
 * the role's policy (so that a client knows whether the decision needs a one-time code) and, for an EXTENSION,
 * the current end of the elevation it would extend ({@code extendedEndsAt}).
 */
public record ApprovalRep(@JsonUnwrapped RequestRep request, PolicyRep policy, Long extendedEndsAt) {
}
