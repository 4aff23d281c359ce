package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.HOUR;
import static dev.kcpim.it.support.Bodies.body;
import static dev.kcpim.it.support.Bodies.now;
import static dev.kcpim.it.support.JsonNodes.id;
import static dev.kcpim.it.support.RealmObjects.realmRole;
import static dev.kcpim.it.support.RealmObjects.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;

/** The admin API's lists as CSV ({@code Accept: text/csv}): a header row of column names, then the data rows. */
class CsvExportIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    @Test
    void listsAnswerCsvWhenAsked() {
        RoleRepresentation role = realmRole(realm, "csv");
        TestUser user = realm.createUser(unique("csv"));
        String eligibilityId = id(pim.createEligibility(body("principalType", "USER", "principalId", user.id(), "roleId", role.getId(),
                "justification", "needs, commas \"and quotes\"")));
        String requestId = id(pim.assign(user, role, now() + HOUR));

        assertCsv("/eligibilities?roleId=" + role.getId(), "id", eligibilityId);
        assertCsv("/requests?userId=" + user.id(), "id", requestId);
        assertCsv("/audit?userId=" + user.id(), "seq", "ELIGIBILITY_CREATED");
    }

    @Test
    void policyListAnswersCsvWhenAsked() {
        RoleRepresentation role = realmRole(realm, "csv-policy");
        pim.putPolicy(role.getId(), body("maxActivationSeconds", 1800));

        assertCsv("/policies", "maxActivationSeconds", role.getId());
    }

    @Test
    void anEmptyListAsCsvStillHasItsHeaderRow() {
        Http.Response response = pim.get(admins.admin(), "/requests?userId=nobody-at-all", "text/csv");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().split("\r?\n")).hasSize(1);
        assertThat(response.body()).startsWith("id,user.id,user.username,role.id,role.name,role.clientId");
    }

    // ------------------------------------------------------------------ helpers

    private static void assertCsv(String path, String headerColumn, String expectedContent) {
        Http.Response response = pim.get(admins.admin(), path, "text/csv");
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
        assertThat(response.header("Content-Type")).as(path).startsWith("text/csv");
        String[] lines = response.body().split("\r?\n");
        assertThat(lines.length).as(path + ": header row plus data rows").isGreaterThanOrEqualTo(2);
        assertThat(List.of(lines[0].split(","))).as(path + " header row").contains(headerColumn);
        assertThat(lines[0]).as(path + " header row holds column names only").doesNotContain(expectedContent);
        assertThat(response.body().substring(lines[0].length())).as(path + " data rows").contains(expectedContent);
    }
}
