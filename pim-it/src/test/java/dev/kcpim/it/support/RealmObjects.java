package dev.kcpim.it.support;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** Roles, clients and groups with unique names, made through Keycloak's admin client. */
public final class RealmObjects {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private RealmObjects() {
    }

    /** {@code prefix-<n>-<random>}: unique within the test run. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A realm role named {@code unique(prefix)} with the description {@code PIM test role <name>}. */
    public static RoleRepresentation realmRole(TestRealm in, String prefix) {
        String name = unique(prefix);
        in.resource().roles().create(new RoleRepresentation(name, "PIM test role " + name, false));
        return in.resource().roles().get(name).toRepresentation();
    }

    /** A public client without the standard flow; returns its internal id. */
    public static String createClient(TestRealm in, String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(false);
        try (Response response = in.resource().clients().create(client)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public static RoleRepresentation clientRole(TestRealm in, String clientUuid, String prefix) {
        String name = unique(prefix);
        in.resource().clients().get(clientUuid).roles().create(new RoleRepresentation(name, "PIM test client role " + name, false));
        return in.resource().clients().get(clientUuid).roles().get(name).toRepresentation();
    }

    /** A top-level group; returns its id. */
    public static String group(TestRealm in, String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = in.resource().groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public static String subGroup(TestRealm in, String parentId, String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = in.resource().groups().group(parentId).subGroup(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Names of the user's effective realm roles (direct, composite and through groups). */
    public static List<String> effectiveRealmRoles(TestRealm in, String userId) {
        return in.resource().users().get(userId).roles().realmLevel().listEffective().stream()
                .map(RoleRepresentation::getName).toList();
    }
}
