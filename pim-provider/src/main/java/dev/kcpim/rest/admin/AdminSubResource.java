package dev.kcpim.rest.admin;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.service.Actor;
import dev.kcpim.service.AdminEventChannel;
import dev.kcpim.service.AuditLog;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** What every admin sub-resource shares: the request's session, realm, permissions and audit. */
abstract class AdminSubResource {

    /** The admin request, authenticated by Keycloak. */
    record AdminRequest(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminAuthorization permissions,
                   AdminEventBuilder adminEvent) {
    }

    protected final KeycloakSession session;
    protected final RealmModel realm;
    protected final AdminAuthorization permissions;
    private final AdminRequest context;

    AdminSubResource(AdminRequest context) {
        this.context = context;
        this.session = context.session();
        this.realm = context.realm();
        this.permissions = context.permissions();
    }

    protected URI location(String collection, String id) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("admin").path("realms").path(realm.getName()).path("pim").path(collection).path(id).build();
    }

    protected AuditLog audit() {
        return new AuditLog(session, realm, Actor.of(context.auth().adminAuth().getUser()), new AdminEventChannel(context.adminEvent()));
    }

    /**
     * A list endpoint's filters: a query parameter it does not know is refused (400), so that a typo
     * such as {@code usrname=} never silently returns everything.
     */
    protected void allowOnlyParameters(String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : session.getContext().getUri().getQueryParameters().keySet()) {
            if (!allowed.contains(name)) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "unknown query parameter " + shortened(name)
                        + "; this endpoint filters by " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    protected static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    protected static boolean empty(String value) {
        return value == null || value.isEmpty();
    }

    /** An optional true/false filter: null when absent, 400 for anything else. */
    protected static Boolean booleanParameter(String name, String value) {
        if (empty(value)) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new PimException(ErrorCode.INVALID_REQUEST, name + " must be true or false");
        };
    }

    protected static String emptyToNull(String value) {
        return empty(value) ? null : value;
    }
}
