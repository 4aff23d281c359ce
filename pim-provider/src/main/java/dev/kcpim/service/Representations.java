package dev.kcpim.service;

import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import dev.kcpim.rest.representation.DecisionRep;
import dev.kcpim.rest.representation.RequestRep;
import dev.kcpim.rest.representation.RoleRep;
import dev.kcpim.rest.representation.UserRef;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** Maps stored requests to the contract's representation (roles from the live model when they still exist). */
public final class Representations {
    private Representations() {
    }

    public static RequestRep request(KeycloakSession session, RealmModel realm, RequestEntity r, List<DecisionEntity> decisions) {
        RoleModel role = Roles.find(session, realm, r.getRoleId());
        RoleRep roleRep = role != null ? Roles.rep(role) : new RoleRep(r.getRoleId(), r.getRoleName(), r.getRoleClientId(), null);
        List<DecisionRep> decisionReps = decisions == null ? List.of() : decisions.stream()
                .map(d -> new DecisionRep(new UserRef(d.getApproverId(), d.getApproverUsername()), d.getDecision().name(),
                        d.getReason(), d.getDecidedAt()))
                .toList();
        return new RequestRep(r.getId(), new UserRef(r.getUserId(), r.getUsername()), roleRep, r.getEligibilityId(),
                r.getKind().name(), r.getStatus().name(), r.getRequestedAt(), r.getStartsAt(), r.getEndsAt(),
                r.getDurationSeconds(), r.getJustification(), r.getTicket(), decisionReps, r.getEndedAt(), r.getEndReason());
    }
}
