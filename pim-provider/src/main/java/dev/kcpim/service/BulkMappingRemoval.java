package dev.kcpim.service;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.jpa.PimStore;
import dev.kcpim.jpa.UserRoleMappingStore;
import dev.kcpim.jpa.UserRoleMappingStore.Pair;
import dev.kcpim.jpa.entity.RequestEntity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The role mappings one batch of the expiry task ends, removed in one statement instead of one
 * {@code deleteRoleMapping} each. While it is open on a session, {@link RoleMappings#remove} (called by
 * {@link ElevationService#apply} after the request's claim was won) answers from one locked read of the
 * batch's mappings and defers the deletion; {@link #flush()}, before the batch's transaction commits,
 * deletes them, then does what Keycloak's {@code deleteRoleMapping} does per mapping: fires
 * {@link RoleModel.RoleRevokedEvent} (PIM's own listener ignores PIM's removals; Keycloak's workflows
 * listen) and evicts the user from Keycloak's user cache (cluster invalidation at commit).
 */
public final class BulkMappingRemoval {
    private static final String ATTRIBUTE = "dev.kcpim.mapping.bulk";

    private record Holder(RealmModel realm, UserModel user, RoleModel role) {
    }

    private final KeycloakSession session;
    private final MappingBatch batch;
    private final Map<Pair, Holder> holders = new HashMap<>();

    private BulkMappingRemoval(KeycloakSession session, MappingBatch batch) {
        this.session = session;
        this.batch = batch;
    }

    /** Opens the removal for the session's transaction, for the requests of the batch that hold a mapping PIM added. */
    public static BulkMappingRemoval open(KeycloakSession session, Collection<RequestEntity> requests) {
        List<Pair> pairs = new ArrayList<>();
        for (RequestEntity r : requests) {
            if (r.getStatus() == RequestStatus.ACTIVE && r.isMappingAdded()) {
                pairs.add(new Pair(r.getUserId(), r.getRoleId()));
            }
        }
        UserRoleMappingStore mappings = PimStore.of(session).userRoleMappings();
        BulkMappingRemoval removal = new BulkMappingRemoval(session, new MappingBatch(pairs, mappings.existingForUpdate(pairs)));
        session.setAttribute(ATTRIBUTE, removal);
        return removal;
    }

    /** The removal open on the session, if any. */
    static BulkMappingRemoval current(KeycloakSession session) {
        return session.getAttribute(ATTRIBUTE, BulkMappingRemoval.class);
    }

    /** See {@link MappingBatch#defer}: null when the mapping is not this batch's; otherwise whether the user holds it (deletion deferred). */
    Boolean defer(UserModel user, RoleModel role) {
        Pair pair = new Pair(user.getId(), role.getId());
        Boolean holds = batch.defer(pair);
        if (Boolean.TRUE.equals(holds)) {
            holders.put(pair, new Holder(session.getContext().getRealm(), user, role));
        }
        return holds;
    }

    /** Deletes the deferred mappings in one statement, fires the revocation events, evicts the users; closes the removal. Returns the mappings deleted. */
    public int flush() {
        session.removeAttribute(ATTRIBUTE);
        int deleted = PimStore.of(session).userRoleMappings().delete(batch.deferred());
        RealmModel context = session.getContext().getRealm();
        Map<String, Holder> users = new LinkedHashMap<>();
        for (Pair pair : batch.deferred()) {
            Holder holder = holders.get(pair);
            session.getContext().setRealm(holder.realm());
            RoleModel.RoleRevokedEvent.fire(holder.role(), holder.user(), session);
            users.putIfAbsent(pair.userId(), holder);
        }
        for (Holder holder : users.values()) {
            ElevationCache.invalidate(session, holder.realm(), holder.user());
        }
        session.getContext().setRealm(context);
        return deleted;
    }
}
