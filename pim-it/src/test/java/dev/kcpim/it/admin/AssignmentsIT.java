package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.CLOCK_SLACK_MS;
import static dev.kcpim.it.support.Bodies.HOUR;
import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Bodies.now;
import static dev.kcpim.it.support.JsonNodes.assertNullField;
import static dev.kcpim.it.support.JsonNodes.assertRole;
import static dev.kcpim.it.support.JsonNodes.id;
import static dev.kcpim.it.support.JsonNodes.ids;
import static dev.kcpim.it.support.RealmObjects.clientRole;
import static dev.kcpim.it.support.RealmObjects.createClient;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * {@code POST /assignments} of the admin API: direct, time-bound grants of realm and client roles,
 * scheduled ones, and what is refused (400, 409 already_assigned and conflict).
 */
class AssignmentsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void assignmentByUserIdIsActiveAndGrantsTheMapping() {
        TestUser user = realm.createUser(unique("assign-id"));
        RoleRepresentation role = realmRole(realm, "assign-id");
        long endsAt = now() + HOUR;
        long before = now();

        Http.Response response = pim.post(admins.admin(), "/assignments", body("userId", user.id(), "roleName", role.getName(),
                "endsAt", endsAt, "justification", "migration weekend"));

        long after = now();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode r = response.json();
        assertThat(r.path("id").asText()).isNotBlank();
        assertThat(r.path("kind").asText()).isEqualTo("ASSIGNMENT");
        assertThat(r.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(r.path("user").path("id").asText()).isEqualTo(user.id());
        assertThat(r.path("user").path("username").asText()).isEqualTo(user.username());
        assertRole(r.path("role"), role, null);
        assertThat(r.path("endsAt").asLong()).isEqualTo(endsAt);
        assertThat(r.path("startsAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(r.path("requestedAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(r.path("justification").asText()).isEqualTo("migration weekend");
        assertNullField(r, "endedAt");
        assertNullField(r, "approvalDeadline");
        assertThat(r.path("requestedBy").asText()).as("the admin who assigned it").isEqualTo(admins.realmAdmin().id());
        assertThat(effectiveRealmRoles(realm, user.id())).contains(role.getName());
    }

    @Test
    void assignmentByUsernameIsActiveAndGrantsTheMapping() {
        TestUser user = realm.createUser(unique("assign-name"));
        RoleRepresentation role = realmRole(realm, "assign-name");

        Http.Response response = pim.post(admins.admin(), "/assignments", body("username", user.username(), "roleName", role.getName(),
                "endsAt", now() + HOUR, "someFieldNobodyKnows", List.of(1, 2)));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("kind").asText()).isEqualTo("ASSIGNMENT");
        assertThat(response.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(response.json().path("user").path("id").asText()).isEqualTo(user.id());
        assertThat(effectiveRealmRoles(realm, user.id())).contains(role.getName());
    }

    @Test
    void assignmentOfAClientRoleGrantsTheClientMapping() {
        TestUser user = realm.createUser(unique("assign-client"));
        String clientId = unique("app");
        String clientUuid = createClient(realm, clientId);
        RoleRepresentation role = clientRole(realm, clientUuid, "deployer");

        Http.Response response = pim.post(admins.admin(), "/assignments", body("userId", user.id(), "clientId", clientId,
                "roleName", role.getName(), "endsAt", now() + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertRole(response.json().path("role"), role, clientId);
        assertThat(realm.resource().users().get(user.id()).roles().clientLevel(clientUuid).listEffective())
                .extracting(RoleRepresentation::getName).contains(role.getName());
    }

    @Test
    void assignmentWithFutureStartIsScheduledWithoutMapping() {
        TestUser user = realm.createUser(unique("assign-later"));
        RoleRepresentation role = realmRole(realm, "assign-later");
        long startsAt = now() + HOUR;

        Http.Response response = pim.post(admins.admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(),
                "startsAt", startsAt, "endsAt", startsAt + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("kind").asText()).isEqualTo("ASSIGNMENT");
        assertThat(response.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(response.json().path("startsAt").asLong()).isEqualTo(startsAt);
        assertThat(response.json().path("endsAt").asLong()).isEqualTo(startsAt + HOUR);
        assertThat(effectiveRealmRoles(realm, user.id())).doesNotContain(role.getName());
    }

    @Test
    void assignmentWithoutEndsAtOrWithEndsAtInThePastIs400() {
        TestUser user = realm.createUser(unique("assign-bad"));
        RoleRepresentation role = realmRole(realm, "assign-bad");

        for (Map<String, Object> body : List.of(
                body("userId", user.id(), "roleId", role.getId()),
                body("userId", user.id(), "roleId", role.getId(), "endsAt", now() - 60_000),
                body("userId", user.id(), "roleId", role.getId(), "startsAt", now() + 2 * HOUR, "endsAt", now() + HOUR))) {
            Http.Response response = pim.post(admins.admin(), "/assignments", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(pim.get(admins.admin(), "/requests?userId=" + user.id()).json()).isEmpty();
        assertThat(effectiveRealmRoles(realm, user.id())).doesNotContain(role.getName());
    }

    @Test
    void assignmentOfUnknownUserOrRoleIs400() {
        TestUser user = realm.createUser(unique("assign-404"));
        RoleRepresentation role = realmRole(realm, "assign-404");
        for (Map<String, Object> body : List.of(
                body("userId", UUID.randomUUID().toString(), "roleId", role.getId(), "endsAt", now() + HOUR),
                body("username", "nobody-" + UUID.randomUUID(), "roleId", role.getId(), "endsAt", now() + HOUR),
                body("userId", user.id(), "roleName", "no-such-role-" + UUID.randomUUID(), "endsAt", now() + HOUR))) {
            Http.Response response = pim.post(admins.admin(), "/assignments", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
            assertThat(response.json().path("error_description").asText()).startsWith("no ");
        }
        assertThat(pim.get(admins.admin(), "/requests?userId=" + user.id()).json()).isEmpty();
    }

    @Test
    void assignmentOfARoleHeldDirectlyIs409AlreadyAssigned() {
        TestUser user = realm.createUser(unique("assign-held"));
        RoleRepresentation role = realmRole(realm, "assign-held");
        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(role));

        Http.Response response = pim.post(admins.admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("already_assigned");
        assertThat(pim.get(admins.admin(), "/requests?userId=" + user.id()).json()).isEmpty();
        assertThat(effectiveRealmRoles(realm, user.id())).contains(role.getName());
    }

    @Test
    void secondAssignmentWhileOneIsOpenIs409Conflict() {
        TestUser user = realm.createUser(unique("assign-twice"));
        RoleRepresentation role = realmRole(realm, "assign-twice");
        String first = id(pim.assign(user, role, now() + HOUR));

        Http.Response second = pim.post(admins.admin(), "/assignments",
                body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + 2 * HOUR));

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("conflict");
        assertThat(ids(pim.get(admins.admin(), "/requests?userId=" + user.id()).json())).containsExactly(first);
    }

    @Test
    void secondAssignmentWhileOneIsScheduledIs409Conflict() {
        TestUser user = realm.createUser(unique("assign-sched"));
        RoleRepresentation role = realmRole(realm, "assign-sched");
        Http.Response first = pim.post(admins.admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(),
                "startsAt", now() + HOUR, "endsAt", now() + 2 * HOUR));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        Http.Response second = pim.post(admins.admin(), "/assignments", body("userId", user.id(), "roleId", role.getId(), "endsAt", now() + HOUR));

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("conflict");
        assertThat(effectiveRealmRoles(realm, user.id())).doesNotContain(role.getName());
    }
}
