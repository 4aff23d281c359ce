package dev.kcpim.events;

import dev.kcpim.token.TokenMapperInstaller;
import dev.kcpim.service.ConsistencyService;
import dev.kcpim.service.ManagedRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;

/** Dispatches Keycloak's model events to {@link ConsistencyService}; no logic here. */
final class ModelEventHandler {
    private ModelEventHandler() {
    }

    static void handle(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            TokenMapperInstaller.install(created.getCreatedRealm());
            ManagedRoles.initialize(created.getCreatedRealm());
        } else if (event instanceof RoleModel.RoleRevokedEvent revoked) {
            ConsistencyService.of(revoked.getKeycloakSession(), revoked.getRealm()).roleMappingRemoved(revoked.getUser(), revoked.getRole());
        } else if (event instanceof RoleModel.RoleGrantedEvent granted) {
            ConsistencyService.of(granted.getKeycloakSession(), granted.getRealm()).roleMappingAdded(granted.getUser(), granted.getRole());
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent left) {
            ConsistencyService.of(left.getKeycloakSession(), left.getRealm()).basisMayHaveChanged(left.getUser().getId());
        } else if (event instanceof GroupModel.GroupMemberJoinEvent joined) {
            ConsistencyService.of(joined.getKeycloakSession(), joined.getRealm()).groupJoined(joined.getUser(), joined.getGroup());
        } else if (event instanceof ClientModel.ClientUpdatedEvent updated) {
            TokenMapperInstaller.installWhenCommitted(updated.getKeycloakSession(), updated.getUpdatedClient());
        } else if (event instanceof UserModel.UserPreRemovedEvent removed) {
            ConsistencyService.of(removed.getKeycloakSession(), removed.getRealm()).userRemoved(removed.getUser());
        } else if (event instanceof RoleContainerModel.RoleRemovedEvent removed) {
            ConsistencyService.roleRemoved(removed.getKeycloakSession(), removed.getRole());
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            ConsistencyService.of(removed.getKeycloakSession(), removed.getRealm()).groupRemoved(removed.getGroup());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            ConsistencyService.realmRemoved(removed.getKeycloakSession(), removed.getRealm());
            ManagedRoles.forget(removed.getRealm().getId());
        }
    }
}
