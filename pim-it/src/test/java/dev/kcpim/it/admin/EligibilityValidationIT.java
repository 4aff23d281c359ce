package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.HOUR;
import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Bodies.now;
import static dev.kcpim.it.support.JsonNodes.ids;
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
 * What {@code POST /eligibilities} refuses, and that a refusal stores nothing: bad principal types,
 * unknown users, groups and roles named in the body (400 naming them), bad windows, what the role's policy forbids (400),
 * duplicates (409), over-long justifications and malformed JSON.
 */
class EligibilityValidationIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void missingOrUnknownPrincipalTypeIs400() {
        TestUser user = realm.createUser(unique("ptype"));
        RoleRepresentation role = realmRole(realm, "ptype");

        for (Object type : new Object[]{null, "ROBOT", ""}) {
            Map<String, Object> body = body("principalId", user.id(), "roleId", role.getId());
            if (type != null) {
                body.put("principalType", type);
            }
            Http.Response response = pim.post(admins.admin(), "/eligibilities", body);
            assertThat(response.status()).as(type + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
    }

    @Test
    void unknownUserGroupOrRoleInTheBodyIs400NamingIt() {
        TestUser user = realm.createUser(unique("unknown"));
        RoleRepresentation role = realmRole(realm, "unknown");
        TestUser stranger = otherRealm.createUser(unique("stranger"));
        RoleRepresentation foreignRole = realmRole(otherRealm, "foreign");
        String random = UUID.randomUUID().toString();

        Map<Map<String, Object>, String> bodiesAndWhatIsUnknown = Map.of(
                body("principalType", "USER", "principalId", random, "roleId", role.getId()), "no user with id " + random,
                body("principalType", "USER", "principalId", stranger.id(), "roleId", role.getId()), "no user with id " + stranger.id(),
                body("principalType", "USER", "username", "nobody-" + random, "roleId", role.getId()), "no user named nobody-" + random,
                body("principalType", "GROUP", "principalId", random, "roleId", role.getId()), "no group with id " + random,
                body("principalType", "GROUP", "groupPath", "/no-such-group-" + random, "roleId", role.getId()),
                "no group at path /no-such-group-" + random,
                body("principalType", "USER", "principalId", user.id(), "roleId", random), "no role with id " + random,
                body("principalType", "USER", "principalId", user.id(), "roleId", foreignRole.getId()), "no role with id " + foreignRole.getId(),
                body("principalType", "USER", "principalId", user.id(), "roleName", "no-such-role-" + random),
                "no realm role named no-such-role-" + random,
                body("principalType", "USER", "principalId", user.id(), "clientId", "no-such-client-" + random, "roleName", role.getName()),
                "no client no-such-client-" + random,
                body("principalType", "USER", "principalId", user.id(), "clientId", TestRealm.TEST_CLIENT, "roleName", role.getName()),
                "client " + TestRealm.TEST_CLIENT + " has no role named " + role.getName());
        bodiesAndWhatIsUnknown.forEach((body, unknown) -> {
            Http.Response response = pim.post(admins.admin(), "/eligibilities", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.error()).as(body.toString()).isEqualTo("invalid_request");
            assertThat(response.json().path("error_description").asText()).as(body.toString()).startsWith(unknown);
        });
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        assertThat(pim.get(admins.admin(), "/eligibilities?roleId=" + role.getId()).json()).isEmpty();
    }

    @Test
    void endsAtNotAfterStartsAtIs400() {
        TestUser user = realm.createUser(unique("window"));
        RoleRepresentation role = realmRole(realm, "window");
        long start = now() + HOUR;

        for (long end : new long[]{start - 60_000, start}) {
            Http.Response response = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                    "roleId", role.getId(), "startsAt", start, "endsAt", end));
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
        }
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
    }

    @Test
    void permanentEligibilityIs400WhenThePolicyForbidsIt() {
        TestUser user = realm.createUser(unique("permanent"));
        RoleRepresentation role = realmRole(realm, "permanent");
        pim.putPolicy(role.getId(), body("allowPermanentEligibility", false));

        Http.Response permanent = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId()));

        assertThat(permanent.status()).as(permanent.toString()).isEqualTo(400);
        assertThat(permanent.error()).isEqualTo("invalid_request");
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response bounded = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "endsAt", now() + HOUR));
        assertThat(bounded.status()).as(bounded.toString()).isEqualTo(201);
    }

    @Test
    void eligibilityLongerThanMaxEligibilitySecondsIs400() {
        TestUser user = realm.createUser(unique("maxelig"));
        RoleRepresentation role = realmRole(realm, "maxelig");
        pim.putPolicy(role.getId(), body("maxEligibilitySeconds", 3600));

        Http.Response tooLong = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "endsAt", now() + 2 * HOUR));

        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.error()).isEqualTo("invalid_request");
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response fits = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "endsAt", now() + HOUR / 2));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(201);
    }

    @Test
    void overlappingDuplicateIs409Conflict() {
        TestUser user = realm.createUser(unique("overlap"));
        RoleRepresentation role = realmRole(realm, "overlap");
        long now = now();
        JsonNode first = pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(),
                "endsAt", now + HOUR));

        for (Map<String, Object> body : List.of(
                body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(), "endsAt", now + HOUR),
                body("principalType", "USER", "username", user.username(), "roleName", role.getName(),
                        "startsAt", now + HOUR / 2, "endsAt", now + 2 * HOUR),
                body("principalType", "USER", "principalId", user.id(), "roleId", role.getId()))) {
            Http.Response response = pim.post(admins.admin(), "/eligibilities", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(409);
            assertThat(response.error()).isEqualTo("conflict");
        }
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json())).containsExactly(first.path("id").asText());

        Http.Response later = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "startsAt", now + 2 * HOUR, "endsAt", now + 3 * HOUR));
        assertThat(later.status()).as("one current (not ended) eligibility per principal and role, even when the windows do not overlap: "
                + later).isEqualTo(409);
        assertThat(later.json().path("error_description").asText()).contains("PATCH");
    }

    @Test
    void justificationOfMoreThan1000CharactersIs400() {
        TestUser user = realm.createUser(unique("longjust"));
        RoleRepresentation role = realmRole(realm, "longjust");

        Http.Response tooLong = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "justification", "x".repeat(1001)));

        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.error()).isEqualTo("invalid_request");
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response exactly1000 = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "justification", "x".repeat(1000)));
        assertThat(exactly1000.status()).as(exactly1000.toString()).isEqualTo(201);
        assertThat(exactly1000.json().path("justification").asText()).hasSize(1000);
    }

    @Test
    void malformedEligibilityJsonIs400() {
        Http.Response response = pim.post(admins.admin(), "/eligibilities", "{\"principalType\": \"USER\",");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_request");
    }
}
