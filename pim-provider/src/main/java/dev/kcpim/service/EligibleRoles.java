package dev.kcpim.service;

import dev.kcpim.domain.Policy;
import dev.kcpim.domain.RequestKind;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.RequestEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The roles a user may activate now: one entry per role (its best eligibility), with the policy and the open request. */
public final class EligibleRoles {

    /** A role the user may activate, how they are eligible, its effective policy, and their open request for it (or null). */
    public record EligibleRole(EligibilityService.UserEligibility eligibility, Policy policy, RequestView openRequest) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public EligibleRoles(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public List<EligibleRole> of(UserModel user, Instant now) {
        PolicyService policies = new PolicyService(session, realm);
        List<RequestEntity> open = PimStore.of(session).requests().openRequestsOfUser(realm.getId(), user.getId());
        Map<String, RequestView> openByRole = new HashMap<>();
        // the elevation itself, not an EXTENSION of it that waits for approval
        RequestView.of(session, realm, open).stream().filter(view -> view.request().getKind() != RequestKind.EXTENSION)
                .forEach(view -> openByRole.put(view.request().getRoleId(), view));
        Set<String> seenRoles = new HashSet<>();
        List<EligibleRole> result = new ArrayList<>();
        for (EligibilityService.UserEligibility eligibility : new EligibilityService(session, realm).eligibleNow(user, now)) {
            String roleId = eligibility.role().getId();
            if (seenRoles.add(roleId)) {
                result.add(new EligibleRole(eligibility, policies.effective(eligibility.role()), openByRole.get(roleId)));
            }
        }
        return result;
    }
}
