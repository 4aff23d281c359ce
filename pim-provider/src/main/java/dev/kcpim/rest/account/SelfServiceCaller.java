package dev.kcpim.rest.account;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The authenticated end user of a self-service call, and the client that obtained the token. */
record SelfServiceCaller(RealmModel realm, UserModel user, String clientId) {
}
