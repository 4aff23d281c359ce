package dev.kcpim.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Concurrently;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One current eligibility per principal and role, held by a database constraint under concurrency. */
class EligibilityUniquenessIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    private static final int CONCURRENT = 12;

    private static List<Integer> race(java.util.concurrent.Callable<Http.Response> call) throws Exception {
        return Concurrently.times(CONCURRENT, call).stream().map(Http.Response::status).toList();
    }

    @Test
    void twelveIdenticalConcurrentCreatesLeaveExactlyOneAndDeletingItEndsEligibility() throws Exception {
        String roleId = realm.createRealmRole("unique-role");
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("unique-user");
        Map<String, Object> body = Map.of("principalType", "USER", "principalId", user.id(), "roleId", roleId, "justification", "race");
        String token = realm.server().adminToken();

        List<Integer> statuses = race(() -> Http.post(realm.adminUrl("/pim/eligibilities"), token, body));

        assertThat(statuses).as("statuses " + statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        var eligibilities = realm.pimAdmin("GET", "/eligibilities?userId=" + user.id() + "&roleId=" + roleId, null);
        assertThat(eligibilities).hasSize(1);
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + user.id() + "&action=ELIGIBILITY_CREATED", null)).hasSize(1);

        realm.pimAdmin("DELETE", "/eligibilities/" + eligibilities.get(0).path("id").asText(), null);

        assertThat(user.get("/me/eligible").json()).isEmpty();
        Http.Response activation = user.post("/me/requests", Map.of("roleId", roleId, "justification", "after delete"));
        assertThat(activation.status()).isEqualTo(403);
        assertThat(activation.error()).isEqualTo("not_eligible");
    }

    @Test
    void concurrentGroupEligibilitiesAreUniqueToo() throws Exception {
        String roleId = realm.createRealmRole("unique-group-role");
        String groupId = realm.createGroup("/unique-group");
        Map<String, Object> body = Map.of("principalType", "GROUP", "principalId", groupId, "roleId", roleId);
        String token = realm.server().adminToken();

        List<Integer> statuses = race(() -> Http.post(realm.adminUrl("/pim/eligibilities"), token, body));

        assertThat(statuses.stream().filter(s -> s == 201)).as("statuses " + statuses).hasSize(1);
        assertThat(realm.pimAdmin("GET", "/eligibilities?roleId=" + roleId, null)).hasSize(1);
    }

    @Test
    void anEndedEligibilityFreesTheSlotForANewOne() {
        String roleId = realm.createRealmRole("unique-renew-role");
        TestUser user = realm.createUser("unique-renew");
        String first = realm.makeEligible(user, roleId);
        realm.pimAdmin("PATCH", "/eligibilities/" + first, Map.of("endsAt", System.currentTimeMillis() - 1));

        String second = realm.makeEligible(user, roleId);

        assertThat(second).isNotEqualTo(first);
        assertThat(realm.pimAdmin("GET", "/eligibilities?userId=" + user.id() + "&state=ELIGIBLE", null)).hasSize(1);
        Http.Response reopen = Http.patch(realm.adminUrl("/pim/eligibilities/" + first), realm.server().adminToken(),
                Map.of("endsAt", System.currentTimeMillis() + 3_600_000));
        assertThat(reopen.status()).as("re-opening the ended one while another is current: " + reopen).isEqualTo(409);
        assertThat(reopen.error()).isEqualTo("conflict");
    }
}
