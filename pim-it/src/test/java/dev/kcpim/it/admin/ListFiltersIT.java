package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * The list endpoints' filters as operators type them: eligibilities by username and by role name,
 * the audit by time range, and a query parameter an endpoint does not know is 400 instead of being
 * ignored (so a typo never lists everything).
 */
class ListFiltersIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void eligibilitiesFilterByUsernameAndByRoleName() {
        TestUser user = realm.createUser(unique("by-username"));
        TestUser other = realm.createUser(unique("other-user"));
        RoleRepresentation role = realmRole(realm, "filtered");
        RoleRepresentation otherRole = realmRole(realm, "other-role");
        String eligibility = pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId()))
                .path("id").asText();
        pim.createEligibility(body("principalType", "USER", "principalId", other.id(), "roleId", role.getId()));
        pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", otherRole.getId()));

        assertThat(ids(pim.get(admins.admin(), "/eligibilities?username=" + user.username() + "&roleName=" + role.getName()).json()))
                .containsExactly(eligibility);
        assertThat(pim.get(admins.admin(), "/eligibilities?username=" + user.username()).json()).hasSize(2);
        assertThat(pim.get(admins.admin(), "/eligibilities?roleName=" + role.getName()).json()).hasSize(2);

        Http.Response unknownUser = pim.get(admins.admin(), "/eligibilities?username=nobody-" + user.username());
        assertThat(unknownUser.status()).isEqualTo(400);
        assertThat(unknownUser.json().path("error_description").asText()).isEqualTo("no user named nobody-" + user.username() + " in this realm");
    }

    @Test
    void anUnknownQueryParameterIs400OnEveryList() {
        for (String path : List.of("/eligibilities?usrname=x", "/requests?user=x", "/audit?actor=x", "/policies?role=x")) {
            Http.Response response = pim.get(admins.admin(), path);
            assertThat(response.status()).as(path + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
            assertThat(response.json().path("error_description").asText()).as(path).startsWith("unknown query parameter");
        }
    }

    @Test
    void theAuditFiltersByATimeRange() {
        TestUser user = realm.createUser(unique("audit-range"));
        long before = ServerClock.nowMillis() - 1;
        pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", realmRole(realm, "range").getId()));
        long after = ServerClock.nowMillis() + 1;

        assertThat(pim.get(admins.admin(), "/audit?userId=" + user.id() + "&from=" + before + "&to=" + after).json()).hasSize(1);
        assertThat(pim.get(admins.admin(), "/audit?userId=" + user.id() + "&from=" + after).json()).isEmpty();
        assertThat(pim.get(admins.admin(), "/audit?userId=" + user.id() + "&to=" + before).json()).isEmpty();
        Http.Response bad = pim.get(admins.admin(), "/audit?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error_description").asText()).isEqualTo("from must be epoch milliseconds");
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(e -> e.path("id").asText()).toList();
    }
}
