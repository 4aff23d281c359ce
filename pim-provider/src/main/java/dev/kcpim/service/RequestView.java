package dev.kcpim.service;

import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** A stored request with what its representation needs: the live role (null once deleted) and the approvers' decisions. */
public record RequestView(RequestEntity request, RoleModel role, List<DecisionEntity> decisions) {

    /** The views of several requests, loading their decisions in one query. */
    public static List<RequestView> of(KeycloakSession session, RealmModel realm, List<RequestEntity> requests) {
        Map<String, List<DecisionEntity>> decisions = PimStore.of(session)
                .decisionsOf(realm.getId(), requests.stream().map(RequestEntity::getId).toList());
        return requests.stream()
                .map(r -> new RequestView(r, Roles.find(session, realm, r.getRoleId()), decisions.getOrDefault(r.getId(), List.of())))
                .toList();
    }

    public static RequestView of(KeycloakSession session, RealmModel realm, RequestEntity request) {
        return of(session, realm, List.of(request)).get(0);
    }
}
