package dev.kcpim.rest.account;

import dev.kcpim.domain.PimException;
import dev.kcpim.rest.Json;
import dev.kcpim.service.Actor;
import dev.kcpim.service.AuditLog;
import dev.kcpim.service.UserEventChannel;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The authenticated end user of a self-service call, and the client that obtained the token. */
record SelfServiceCaller(KeycloakSession session, RealmModel realm, UserModel user, String clientId) {

    /** The audit of the caller's changes, also sent as Keycloak user events of the caller and client. */
    /** The request body as {@code type}; a body that does not parse is refused (400) and audited as {@code rejection}, with the error. */
    static <T> T readBody(String body, Class<T> type, AuditLog audit, AuditLog.Entry rejection) {
        try {
            return Json.read(body, type);
        } catch (PimException e) {
            audit.recordRejection(rejection.detail("error", e.errorCode().code()).detail("description", e.description()), e.errorCode().code());
            throw e;
        }
    }

    AuditLog audit() {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .client(realm.getClientByClientId(clientId))
                .user(user);
        return new AuditLog(session, realm, Actor.of(user), new UserEventChannel(event));
    }
}
