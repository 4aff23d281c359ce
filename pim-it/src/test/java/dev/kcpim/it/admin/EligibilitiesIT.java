package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.CLOCK_SLACK_MS;
import static dev.kcpim.it.support.Bodies.HOUR;
import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Bodies.now;
import static dev.kcpim.it.support.JsonNodes.assertNullField;
import static dev.kcpim.it.support.JsonNodes.assertPrincipal;
import static dev.kcpim.it.support.JsonNodes.assertRole;
import static dev.kcpim.it.support.JsonNodes.find;
import static dev.kcpim.it.support.JsonNodes.id;
import static dev.kcpim.it.support.JsonNodes.ids;
import static dev.kcpim.it.support.RealmObjects.clientRole;
import static dev.kcpim.it.support.RealmObjects.createClient;
import static dev.kcpim.it.support.RealmObjects.effectiveRealmRoles;
import static dev.kcpim.it.support.RealmObjects.group;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.subGroup;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * {@code /eligibilities} of the admin API: creating them for users and groups (by id, name or path),
 * their state over time, listing with filters and paging, and deleting them (which revokes what
 * came from them); eligibilities of another realm stay out of reach.
 */
class EligibilitiesIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();
    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void userEligibilityByPrincipalIdAndRoleId() {
        TestUser user = realm.createUser(unique("elig-id"));
        RoleRepresentation role = realmRole(realm, "elig-id");
        long before = now();

        Http.Response response = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "justification", "on call rota"));

        long after = now();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode e = response.json();
        assertThat(e.path("id").asText()).isNotBlank();
        assertPrincipal(e.path("principal"), "USER", user.id(), user.username());
        assertRole(e.path("role"), role, null);
        assertThat(e.path("startsAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertNullField(e, "endsAt");
        assertThat(e.path("createdBy").asText()).isIn(admins.realmAdmin().id(), admins.realmAdmin().username());
        assertThat(e.path("createdAt").asLong()).isBetween(before - CLOCK_SLACK_MS, after + CLOCK_SLACK_MS);
        assertThat(e.path("justification").asText()).isEqualTo("on call rota");
        assertThat(e.path("state").asText()).isEqualTo("ELIGIBLE");
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json())).containsExactly(e.path("id").asText());
    }

    @Test
    void userEligibilityByUsernameAndRoleName() {
        TestUser user = realm.createUser(unique("elig-name"));
        RoleRepresentation role = realmRole(realm, "elig-name");
        long endsAt = now() + 24 * HOUR;

        Http.Response response = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "username", user.username(),
                "roleName", role.getName(), "endsAt", endsAt, "someFieldNobodyKnows", "is ignored"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode e = response.json();
        assertPrincipal(e.path("principal"), "USER", user.id(), user.username());
        assertRole(e.path("role"), role, null);
        assertThat(e.path("endsAt").asLong()).isEqualTo(endsAt);
        assertThat(e.path("state").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void groupEligibilityByPrincipalId() {
        String name = unique("grp");
        String groupId = group(realm, name);
        RoleRepresentation role = realmRole(realm, "grp-elig");

        Http.Response response = pim.post(admins.admin(), "/eligibilities", body("principalType", "GROUP", "principalId", groupId,
                "roleId", role.getId()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertPrincipal(response.json().path("principal"), "GROUP", groupId, "/" + name);
        assertRole(response.json().path("role"), role, null);
        assertThat(response.json().path("state").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void subgroupEligibilityByGroupPathForAClientRole() {
        String parent = unique("parent");
        String child = unique("child");
        String childId = subGroup(realm, group(realm, parent), child);
        String clientId = unique("app");
        RoleRepresentation role = clientRole(realm, createClient(realm, clientId), "operator");

        Http.Response response = pim.post(admins.admin(), "/eligibilities", body("principalType", "GROUP", "groupPath", "/" + parent + "/" + child,
                "clientId", clientId, "roleName", role.getName()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertPrincipal(response.json().path("principal"), "GROUP", childId, "/" + parent + "/" + child);
        assertRole(response.json().path("role"), role, clientId);
    }

    @Test
    void futureStartsAtGivesStateFuture() {
        TestUser user = realm.createUser(unique("future"));
        RoleRepresentation role = realmRole(realm, "future");
        long startsAt = now() + HOUR;

        Http.Response response = pim.post(admins.admin(), "/eligibilities", body("principalType", "USER", "principalId", user.id(),
                "roleId", role.getId(), "startsAt", startsAt, "endsAt", startsAt + HOUR));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("startsAt").asLong()).isEqualTo(startsAt);
        assertThat(response.json().path("state").asText()).isEqualTo("FUTURE");
    }

    @Test
    void eligibilityPastItsEndIsExpired() {
        TestUser user = realm.createUser(unique("expiring"));
        RoleRepresentation role = realmRole(realm, "expiring");
        JsonNode e = pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(),
                "endsAt", now() + 60_000));

        clock.advance(Duration.ofSeconds(61));

        assertThat(find(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json(),
                x -> x.path("id").asText().equals(e.path("id").asText()))
                .path("state").asText()).isEqualTo("EXPIRED");
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + user.id() + "&state=EXPIRED").json()))
                .containsExactly(e.path("id").asText());
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + user.id() + "&state=ELIGIBLE").json())).isEmpty();
    }

    @Test
    void listFiltersByRoleUserAndStateAndIncludesGroupEligibilitiesOfTheUser() {
        RoleRepresentation roleA = realmRole(realm, "filter-a");
        RoleRepresentation roleB = realmRole(realm, "filter-b");
        TestUser user = realm.createUser(unique("filter-u"));
        TestUser other = realm.createUser(unique("filter-v"));
        String parentName = unique("filter-parent");
        String parentId = group(realm, parentName);
        String childId = subGroup(realm, parentId, unique("filter-child"));
        realm.resource().users().get(user.id()).joinGroup(childId);

        String userA = id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", roleA.getId())));
        String otherA = id(pim.createEligibility(body("principalType", "USER", "principalId", other.id(), "roleId", roleA.getId())));
        String parentB = id(pim.createEligibility(body("principalType", "GROUP", "principalId", parentId, "roleId", roleB.getId())));
        String userBFuture = id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", roleB.getId(),
                "startsAt", now() + HOUR, "endsAt", now() + 2 * HOUR)));

        assertThat(ids(pim.get(admins.admin(), "/eligibilities?roleId=" + roleA.getId()).json())).containsExactlyInAnyOrder(userA, otherA);
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?roleId=" + roleB.getId()).json())).containsExactlyInAnyOrder(parentB, userBFuture);
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json())).containsExactlyInAnyOrder(userA, parentB, userBFuture);
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + other.id()).json())).containsExactly(otherA);
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + user.id() + "&state=FUTURE").json())).containsExactly(userBFuture);
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?userId=" + user.id() + "&state=ELIGIBLE").json()))
                .containsExactlyInAnyOrder(userA, parentB);
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?roleId=" + roleB.getId() + "&userId=" + user.id() + "&state=ELIGIBLE").json()))
                .containsExactly(parentB);
        assertThat(ids(pim.get(admins.admin(), "/eligibilities?roleId=" + roleA.getId() + "&state=FUTURE").json())).isEmpty();

        Http.Response badState = pim.get(admins.admin(), "/eligibilities?state=NOPE");
        assertThat(badState.status()).as(badState.toString()).isEqualTo(400);
        assertThat(badState.error()).isEqualTo("invalid_request");
    }

    @Test
    void listPagesWithFirstAndMax() {
        RoleRepresentation role = realmRole(realm, "paging");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser user = realm.createUser(unique("paging"));
            all.add(id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId()))));
        }
        String base = "/eligibilities?roleId=" + role.getId();

        List<String> page1 = ids(pim.get(admins.admin(), base + "&first=0&max=2").json());
        List<String> page2 = ids(pim.get(admins.admin(), base + "&first=2&max=2").json());
        List<String> page3 = ids(pim.get(admins.admin(), base + "&first=4&max=2").json());

        assertThat(page1).hasSize(2);
        assertThat(page2).hasSize(1);
        assertThat(page3).isEmpty();
        List<String> union = new ArrayList<>(page1);
        union.addAll(page2);
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(pim.get(admins.admin(), base + "&max=1").json())).hasSize(1);
    }

    @Test
    void invalidPagingParametersAre400OnEveryList() {
        for (String list : List.of("/eligibilities", "/requests", "/audit")) {
            for (String query : List.of("first=-1", "max=abc", "first=abc", "first=1.5")) {
                Http.Response response = pim.get(admins.admin(), list + "?" + query);
                assertThat(response.status()).as(list + "?" + query + " -> " + response).isEqualTo(400);
                assertThat(response.error()).as(list + "?" + query).isEqualTo("invalid_request");
            }
        }
    }

    @Test
    void deleteEligibilityIs204ThenItIsGone() {
        TestUser user = realm.createUser(unique("delete"));
        RoleRepresentation role = realmRole(realm, "delete");
        String id = id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId())));

        Http.Response deleted = pim.delete(admins.admin(), "/eligibilities/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        Http.Response read = pim.get(admins.admin(), "/eligibilities/" + id);
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        assertThat(read.error()).isEqualTo("not_found");
        assertThat(pim.get(admins.admin(), "/eligibilities?userId=" + user.id()).json()).isEmpty();
        Http.Response again = pim.delete(admins.admin(), "/eligibilities/" + id);
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(again.error()).isEqualTo("not_found");
        Http.Response unknown = pim.delete(admins.admin(), "/eligibilities/" + UUID.randomUUID());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    }

    @Test
    void eligibilityOfAnotherRealmCannotBeSeenOrDeleted() {
        TestUser stranger = otherRealm.createUser(unique("stranger"));
        RoleRepresentation foreignRole = realmRole(otherRealm, "foreign");
        Http.Response created = Http.post(otherRealm.adminUrl("/pim/eligibilities"), realm.server().adminToken(),
                body("principalType", "USER", "principalId", stranger.id(), "roleId", foreignRole.getId()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String foreignId = id(created.json());

        Http.Response deleted = pim.delete(admins.admin(), "/eligibilities/" + foreignId);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(404);
        assertThat(deleted.error()).isEqualTo("not_found");
        assertThat(ids(pim.get(admins.admin(), "/eligibilities").json())).doesNotContain(foreignId);
        assertThat(ids(Http.get(otherRealm.adminUrl("/pim/eligibilities?userId=" + stranger.id()), realm.server().adminToken()).json()))
                .containsExactly(foreignId);
    }

    @Test
    void deletingAnEligibilityRevokesTheActiveRequestThatCameFromIt() {
        // the default policy (OTP and justification required) is used, so this test does not depend on PUT /policies
        TestUser user = realm.createUser(unique("activator"), "totp-secret-" + UUID.randomUUID());
        RoleRepresentation role = realmRole(realm, "activated");
        String eligibilityId = id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId())));
        Http.Response activation = Http.post(realm.url("/pim/me/requests"), user.token(),
                body("roleId", role.getId(), "durationSeconds", 3600, "justification", "deploy hotfix", "otp", user.otpNow()));
        assertThat(activation.status()).as(activation.toString()).isEqualTo(201);
        assertThat(activation.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(activation.json().path("eligibilityId").asText()).isEqualTo(eligibilityId);
        String requestId = id(activation.json());
        assertThat(effectiveRealmRoles(realm, user.id())).contains(role.getName());
        long before = now();

        Http.Response deleted = pim.delete(admins.admin(), "/eligibilities/" + eligibilityId);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        JsonNode request = pim.onlyRequest(user, role);
        assertThat(request.path("id").asText()).isEqualTo(requestId);
        assertThat(request.path("status").asText()).isEqualTo("REVOKED");
        assertThat(request.path("endedAt").asLong()).isBetween(before - CLOCK_SLACK_MS, now() + CLOCK_SLACK_MS);
        assertThat(effectiveRealmRoles(realm, user.id())).doesNotContain(role.getName());
    }
}
