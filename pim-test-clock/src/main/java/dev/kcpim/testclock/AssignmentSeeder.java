package dev.kcpim.testclock;

import dev.kcpim.service.ActivationService;
import dev.kcpim.service.Actor;
import dev.kcpim.service.AssignmentCommand;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.EventChannel;
import dev.kcpim.service.GrantAuthorization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Many time-bound assignments at once, for the benchmark: each goes through PIM's own assign path
 * ({@link ActivationService#assign}: request row, managed-role registration, role mapping, audit,
 * notification) as the admin API would, only without one HTTP request and one transaction each:
 * {@value #PER_TRANSACTION} per transaction. And the users for them, through Keycloak's user model.
 */
final class AssignmentSeeder {
    static final int PER_TRANSACTION = 50;

    static final int USERS_PER_TRANSACTION = 500;

    private AssignmentSeeder() {
    }

    /** Creates users {@code prefix-from} … {@code prefix-(from+count-1)} (enabled, with an e-mail, the realm's default roles); returns their ids. */
    static List<String> users(KeycloakSessionFactory factory, String realmName, String prefix, int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int start = from; start < from + count; start += USERS_PER_TRANSACTION) {
            int first = start;
            int end = Math.min(from + count, start + USERS_PER_TRANSACTION);
            ids.addAll(KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealmByName(realmName);
                session.getContext().setRealm(realm);
                RoleModel defaultRoles = realm.getDefaultRole();
                List<String> created = new ArrayList<>();
                for (int i = first; i < end; i++) {
                    UserModel user = session.users().addUser(realm, prefix + "-" + i);
                    user.setEnabled(true);
                    user.setEmail(prefix + "-" + i + "@bench.test");
                    user.setEmailVerified(true);
                    user.grantRole(defaultRoles);
                    created.add(user.getId());
                }
                return created;
            }));
        }
        return ids;
    }

    /** Assigns the role to every user until {@code endsAt}; returns how many were created. */
    static int assign(KeycloakSessionFactory factory, String realmName, String roleId, List<String> userIds, long endsAt, Actor actor) {
        int created = 0;
        for (int from = 0; from < userIds.size(); from += PER_TRANSACTION) {
            List<String> chunk = userIds.subList(from, Math.min(userIds.size(), from + PER_TRANSACTION));
            created += KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealmByName(realmName);
                session.getContext().setRealm(realm);
                ActivationService activations = new ActivationService(session, realm);
                AuditLog audit = new AuditLog(session, realm, actor, EventChannel.NONE);
                Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
                for (String userId : chunk) {
                    activations.assign(new AssignmentCommand(userId, null, roleId, null, null, null, endsAt, "bench seeding"), now, audit,
                            GrantAuthorization.SYSTEM);
                }
                return chunk.size();
            });
        }
        return created;
    }
}
