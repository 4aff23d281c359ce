package dev.kcpim.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcpim.service.ConsistencyService;
import dev.kcpim.service.ManagedRoles;
import dev.kcpim.service.StandingAccessService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Admin events that change who holds what without a model event of their own (Keycloak fires
 * role-grant events for users only): a user updated (maybe disabled), roles granted to a group,
 * composites added to a role; and a realm update, which may have changed PIM's cached copy of its
 * managed roles. Global listeners receive admin events in the admin request's own
 * transaction, whether or not the realm stores admin events. Dispatches only.
 */
final class AdminEventHandler {
    private static final Logger LOG = Logger.getLogger(AdminEventHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER = Pattern.compile("users/([^/]+)");
    private static final Pattern GROUP_ROLE_MAPPING = Pattern.compile("groups/([^/]+)/role-mappings/(realm|clients/[^/]+)");
    private static final Pattern ROLE_BY_ID_COMPOSITES = Pattern.compile("roles-by-id/([^/]+)/composites(/.*)?");
    private static final Pattern REALM_ROLE_COMPOSITES = Pattern.compile("roles/([^/]+)/composites(/.*)?");
    private static final Pattern CLIENT_ROLE_COMPOSITES = Pattern.compile("clients/([^/]+)/roles/([^/]+)/composites(/.*)?");

    private AdminEventHandler() {
    }

    static void handle(KeycloakSession session, AdminEvent event) {
        if (event.getOperationType() != OperationType.UPDATE && event.getOperationType() != OperationType.CREATE) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        String path = event.getResourcePath() == null ? "" : event.getResourcePath();
        ResourceType type = event.getResourceType();
        Matcher m;
        if (type == ResourceType.REALM && event.getOperationType() == OperationType.UPDATE) {
            ManagedRoles.rewriteCopyBeforeCommit(session, realm);
        } else if (type == ResourceType.USER && event.getOperationType() == OperationType.UPDATE && (m = USER.matcher(path)).matches()) {
            ConsistencyService.of(session, realm).basisMayHaveChanged(m.group(1));
        } else if ((type == ResourceType.REALM_ROLE_MAPPING || type == ResourceType.CLIENT_ROLE_MAPPING)
                && event.getOperationType() == OperationType.CREATE && (m = GROUP_ROLE_MAPPING.matcher(path)).matches()) {
            GroupModel group = session.groups().getGroupById(realm, m.group(1));
            if (group != null) {
                new StandingAccessService(session, realm).rolesGrantedToGroup(group, roles(session, realm, event));
            }
        } else if ((type == ResourceType.REALM_ROLE || type == ResourceType.CLIENT_ROLE) && event.getOperationType() == OperationType.CREATE) {
            RoleModel parent = compositeParent(session, realm, path);
            if (parent != null) {
                new StandingAccessService(session, realm).compositesAdded(parent, roles(session, realm, event));
            }
        }
    }

    private static RoleModel compositeParent(KeycloakSession session, RealmModel realm, String path) {
        Matcher m;
        if ((m = ROLE_BY_ID_COMPOSITES.matcher(path)).matches()) {
            return session.roles().getRoleById(realm, m.group(1));
        }
        if ((m = CLIENT_ROLE_COMPOSITES.matcher(path)).matches()) {
            ClientModel client = realm.getClientById(m.group(1));
            return client == null ? null : client.getRole(m.group(2));
        }
        if ((m = REALM_ROLE_COMPOSITES.matcher(path)).matches()) {
            return realm.getRole(m.group(1));
        }
        return null;
    }

    /** The roles named (by id) in the event's representation: the roles just granted or added. */
    private static List<RoleModel> roles(KeycloakSession session, RealmModel realm, AdminEvent event) {
        List<RoleModel> roles = new ArrayList<>();
        if (event.getRepresentation() == null) {
            return roles;
        }
        try {
            JsonNode list = JSON.readTree(event.getRepresentation());
            for (JsonNode role : list.isArray() ? list : JSON.createArrayNode().add(list)) {
                RoleModel model = role.hasNonNull("id") ? session.roles().getRoleById(realm, role.get("id").asText()) : null;
                if (model != null) {
                    roles.add(model);
                }
            }
        } catch (IOException e) {
            LOG.debugf(e, "admin event %s: representation not readable", event.getResourcePath());
        }
        return roles;
    }
}
