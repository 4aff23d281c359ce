package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.CLOCK_SLACK_MS;
import static dev.kcpim.it.support.Bodies.HOUR;
import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Bodies.now;
import static dev.kcpim.it.support.JsonNodes.id;
import static dev.kcpim.it.support.JsonNodes.ids;
import static dev.kcpim.it.support.JsonNodes.longs;
import static dev.kcpim.it.support.RealmObjects.effectiveRealmRoles;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * {@code GET /requests} and {@code POST /requests/{id}/revoke} of the admin API: order and filters,
 * revoking active and scheduled requests, and requests that are unknown or of another realm.
 */
class RequestsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void requestsAreListedNewestFirstAndFilterByStatusUserAndRole() throws InterruptedException {
        TestUser user = realm.createUser(unique("req-u"));
        TestUser other = realm.createUser(unique("req-v"));
        RoleRepresentation r1 = realmRole(realm, "req-1");
        RoleRepresentation r2 = realmRole(realm, "req-2");
        RoleRepresentation r3 = realmRole(realm, "req-3");
        String a1 = id(pim.assign(user, r1, now() + HOUR));
        Thread.sleep(20);
        String a2 = id(pim.assign(user, r2, now() + HOUR));
        Thread.sleep(20);
        String a3 = id(pim.assign(user, r3, now() + HOUR));
        Thread.sleep(20);
        String b1 = id(pim.assign(other, r1, now() + HOUR));
        assertThat(pim.post(admins.admin(), "/requests/" + a2 + "/revoke", body("reason", "not needed")).status()).isEqualTo(200);

        JsonNode ofUser = pim.get(admins.admin(), "/requests?userId=" + user.id()).json();
        assertThat(ids(ofUser)).containsExactly(a3, a2, a1);
        assertThat(longs(ofUser, "requestedAt")).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(ids(pim.get(admins.admin(), "/requests?userId=" + user.id() + "&status=ACTIVE").json())).containsExactly(a3, a1);
        assertThat(ids(pim.get(admins.admin(), "/requests?userId=" + user.id() + "&status=REVOKED").json())).containsExactly(a2);
        assertThat(ids(pim.get(admins.admin(), "/requests?roleId=" + r1.getId()).json())).containsExactly(b1, a1);
        assertThat(ids(pim.get(admins.admin(), "/requests?roleId=" + r1.getId() + "&userId=" + other.id()).json())).containsExactly(b1);
        assertThat(ids(pim.get(admins.admin(), "/requests?roleId=" + r2.getId() + "&status=ACTIVE").json())).isEmpty();
        assertThat(ids(pim.get(admins.admin(), "/requests?userId=" + user.id() + "&first=1&max=1").json())).containsExactly(a2);

        Http.Response badStatus = pim.get(admins.admin(), "/requests?status=NOPE");
        assertThat(badStatus.status()).as(badStatus.toString()).isEqualTo(400);
        assertThat(badStatus.error()).isEqualTo("invalid_request");
    }

    @Test
    void revokingAnActiveRequestEndsItAndRemovesTheMapping() {
        TestUser user = realm.createUser(unique("revoke"));
        RoleRepresentation role = realmRole(realm, "revoke");
        String requestId = id(pim.assign(user, role, now() + HOUR));
        assertThat(effectiveRealmRoles(realm, user.id())).contains(role.getName());
        long before = now();

        Http.Response revoked = pim.post(admins.admin(), "/requests/" + requestId + "/revoke", body("reason", "incident INC-4711 closed"));

        long after = now();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("id").asText()).isEqualTo(requestId);
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("endedAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(revoked.json().path("endReason").asText()).contains("incident INC-4711 closed");
        assertThat(effectiveRealmRoles(realm, user.id())).doesNotContain(role.getName());
        assertThat(pim.onlyRequest(user, role).path("status").asText()).isEqualTo("REVOKED");

        Http.Response again = pim.post(admins.admin(), "/requests/" + requestId + "/revoke", body("reason", "twice"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
        assertThat(pim.onlyRequest(user, role).path("endReason").asText()).contains("incident INC-4711 closed");
    }

    @Test
    void revokingAScheduledRequestEndsItAndFreesTheSlot() {
        TestUser user = realm.createUser(unique("revoke-sched"));
        RoleRepresentation role = realmRole(realm, "revoke-sched");
        Http.Response scheduled = pim.post(admins.admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(),
                "startsAt", now() + HOUR, "endsAt", now() + 2 * HOUR));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);

        Http.Response revoked = pim.post(admins.admin(), "/requests/" + id(scheduled.json()) + "/revoke", body("reason", "plans changed"));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("endReason").asText()).contains("plans changed");
        assertThat(pim.post(admins.admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + HOUR)).status())
                .isEqualTo(201);
    }

    @Test
    void revokingAnUnknownRequestIs404() {
        Http.Response response = pim.post(admins.admin(), "/requests/" + UUID.randomUUID() + "/revoke", body("reason", "x"));
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("not_found");
    }

    @Test
    void revokingARequestOfAnotherRealmIs404AndLeavesItActive() {
        TestUser stranger = otherRealm.createUser(unique("stranger"));
        RoleRepresentation foreignRole = realmRole(otherRealm, "foreign");
        Http.Response created = Http.post(otherRealm.adminUrl("/pim/assignments"), realm.server().adminToken(),
                body("userId", stranger.id(), "roleId", foreignRole.getId(), "endsAt", now() + HOUR));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String foreignRequest = id(created.json());

        Http.Response response = pim.post(admins.admin(), "/requests/" + foreignRequest + "/revoke", body("reason", "not mine"));

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("not_found");
        JsonNode stillThere = Http.get(otherRealm.adminUrl("/pim/requests?userId=" + stranger.id()), realm.server().adminToken()).json();
        assertThat(stillThere.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(ids(pim.get(admins.admin(), "/requests").json())).doesNotContain(foreignRequest);
        assertThat(otherRealm.resource().users().get(stranger.id()).roles().realmLevel().listEffective())
                .extracting(RoleRepresentation::getName).contains(foreignRole.getName());
    }
}
