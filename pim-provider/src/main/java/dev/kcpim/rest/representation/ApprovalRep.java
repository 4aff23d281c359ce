package dev.kcpim.rest.representation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A request waiting for the caller's decision: the request's fields, plus the role's policy (so that a
 * client knows whether the decision needs a one-time code) and when the request times out.
 */
public record ApprovalRep(@JsonUnwrapped RequestRep request, PolicyRep policy, Long approvalDeadline) {
}
