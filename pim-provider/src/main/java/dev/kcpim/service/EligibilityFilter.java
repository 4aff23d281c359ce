package dev.kcpim.service;

import dev.kcpim.domain.EligibilityState;

/** The filters of an eligibility search; each null when not asked for. */
public record EligibilityFilter(String roleId, String roleName, String clientId, String userId, String username, EligibilityState state) {

    boolean hasRole() {
        return roleId != null || roleName != null || clientId != null;
    }
}
