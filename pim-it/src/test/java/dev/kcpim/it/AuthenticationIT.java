package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/** Who may call the self-service and admin APIs at all. */
class AuthenticationIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();

    static TestUser user;
    static TestUser realmAdmin;
    static TestUser otherRealmUser;

    @BeforeAll
    static void users() {
        user = realm.createUser("plain");
        realmAdmin = realm.createUser("realm-admin");
        String realmManagement = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation realmAdminRole = realm.resource().clients().get(realmManagement).roles().get("realm-admin").toRepresentation();
        realm.resource().users().get(realmAdmin.id()).roles().clientLevel(realmManagement).add(List.of(realmAdminRole));
        otherRealmUser = otherRealm.createUser("stranger");
    }

    @Test
    void selfServiceWithoutTokenIs401() {
        Http.Response response = Http.get(realm.url("/pim/me/eligible"), null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void selfServiceWithGarbageTokenIs401() {
        assertThat(Http.get(realm.url("/pim/me/eligible"), "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void selfServiceWithTokenOfAnotherRealmIs401() {
        assertThat(Http.get(realm.url("/pim/me/eligible"), otherRealmUser.token()).status()).isEqualTo(401);
    }

    @Test
    void selfServiceWithTokenLackingAccountAudienceIs401() {
        Http.Response response = Http.get(realm.url("/pim/me/eligible"), user.tokenFrom(TestRealm.NO_AUDIENCE_CLIENT));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void selfServiceWithServiceAccountTokenIs403() {
        Http.Response response = Http.get(realm.url("/pim/me/eligible"), realm.serviceAccountToken());
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("forbidden");
    }

    @Test
    void selfServiceWithUserTokenIs200() {
        Http.Response response = Http.get(realm.url("/pim/me/eligible"), user.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
    }

    @Test
    void adminApiWithoutTokenIs401() {
        assertThat(Http.get(realm.adminUrl("/pim/requests"), null).status()).isEqualTo(401);
    }

    @Test
    void adminApiWithPlainUserTokenIs403() {
        Http.Response response = Http.get(realm.adminUrl("/pim/requests"), user.token());
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void adminApiWithAdminOfAnotherRealmIs403() {
        Http.Response response = Http.get(realm.adminUrl("/pim/requests"), otherRealmUser.token());
        assertThat(response.status()).isIn(401, 403);
    }

    @Test
    void adminApiWithRealmAdminIs200() {
        assertThat(Http.get(realm.adminUrl("/pim/requests"), realmAdmin.token()).status()).isEqualTo(200);
    }

    @Test
    void adminApiWithMasterAdminIs200() {
        assertThat(Http.get(realm.adminUrl("/pim/requests"), realm.server().adminToken()).status()).isEqualTo(200);
    }

    @Test
    void demoRealmSelfServiceWithoutTokenIs401() {
        assertThat(Http.get(realm.server().baseUrl() + "/realms/pim-demo/pim/me/eligible", null).status()).isEqualTo(401);
    }
}
