package dev.kcpim.service;

import dev.kcpim.domain.EligibilityState;
import dev.kcpim.domain.PrincipalType;
import dev.kcpim.jpa.entity.EligibilityEntity;
import org.keycloak.models.RoleModel;

/**
 * A stored eligibility with what its representation needs: the principal's current name (username or
 * group path; null once deleted), the live role (null once deleted) and its state at the time asked.
 */
public record EligibilityView(EligibilityEntity entity, String principalName, RoleModel role, EligibilityState state) {

    public PrincipalType principalType() {
        return entity.getPrincipalType();
    }
}
