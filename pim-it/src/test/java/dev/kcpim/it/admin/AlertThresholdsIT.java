package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerts the realm's settings set the thresholds of: TOO_MANY_HOLDERS, FREQUENT_ACTIVATION,
 * UNUSED_ELIGIBILITY and STALE_ACCOUNT (days pass on the server's clock; a sign-in resets an account's age).
 * Each test has a realm of its own, so that one test's settings and users never show in another's alerts.
 */
class AlertThresholdsIT {

    @RegisterExtension
    static final TestRealm holdersRealm = new TestRealm();
    @RegisterExtension
    static final TestRealm frequentRealm = new TestRealm();
    @RegisterExtension
    static final TestRealm staleRealm = new TestRealm();
    @RegisterExtension
    static final ServerClock clock = new ServerClock(staleRealm);
    private static final Map<TestRealm, AdminUsers> ADMINS = new ConcurrentHashMap<>();

    private static String roleWithoutOtp(TestRealm realm, String name) {
        String id = realm.createRealmRole(name);
        realm.putPolicy(id, body("requireOtp", false, "maxActivationSeconds", 3600));
        return id;
    }

    /** The alert's items as "username | detail", read with a token issued now (the server's clock may have moved). */
    private static List<String> items(TestRealm realm, String type) {
        AdminUsers admins = ADMINS.computeIfAbsent(realm, AdminUsers::new);
        Http.Response response = new PimAdminApi(realm, () -> null).get(admins.realmAdmin().token(), "/alerts");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> items = new ArrayList<>();
        for (JsonNode alert : response.json()) {
            if (alert.path("type").asText().equals(type)) {
                assertThat(alert.path("count").asInt()).isEqualTo(alert.path("items").size());
                alert.path("items").forEach(i -> items.add(i.path("username").asText(null) + " | " + i.path("detail").asText()));
            }
        }
        return items;
    }

    @Test
    void moreEligibleAndActiveHoldersThanTheThresholdIsReportedWithTheirCount() {
        holdersRealm.pimAdmin("PUT", "/settings", body("tooManyHoldersThreshold", 2));
        String roleId = roleWithoutOtp(holdersRealm, "crowded");
        String groupId = holdersRealm.createGroup("/crowd");
        holdersRealm.makeGroupEligible(groupId, roleId);
        TestUser first = holdersRealm.createUser("crowd-1");
        TestUser second = holdersRealm.createUser("crowd-2");
        holdersRealm.joinGroup(first, groupId);
        holdersRealm.joinGroup(second, groupId);
        assertThat(items(holdersRealm, "TOO_MANY_HOLDERS")).as("2 holders, threshold 2").isEmpty();

        TestUser third = holdersRealm.createUser("crowd-3");
        holdersRealm.makeEligible(third, roleId);
        assertThat(items(holdersRealm, "TOO_MANY_HOLDERS")).containsExactly("null | 3 eligible or active holders (more than 2)");
    }

    @Test
    void activatingMoreOftenThanTheCountWithinTheWindowIsReported() {
        frequentRealm.pimAdmin("PUT", "/settings", body("frequentActivationCount", 2, "frequentActivationWindowHours", 1));
        String roleId = roleWithoutOtp(frequentRealm, "busy");
        TestUser user = frequentRealm.createUser("busy-user");
        frequentRealm.makeEligible(user, roleId);
        for (int i = 1; i <= 3; i++) {
            Http.Response activation = user.post("/me/requests", body("roleId", roleId, "justification", "round " + i));
            assertThat(activation.status()).as(activation.toString()).isEqualTo(201);
            if (i == 2) {
                assertThat(items(frequentRealm, "FREQUENT_ACTIVATION")).as("two activations, count 2").isEmpty();
            }
            user.post("/me/requests/" + activation.json().path("id").asText() + "/deactivate", body());
        }
        assertThat(items(frequentRealm, "FREQUENT_ACTIVATION")).containsExactly("busy-user | 3 activation requests within 1 hours (more than 2)");
    }

    @Test
    void eligibilitiesNotActivatedAndAccountsWithoutASignInForTheSetDaysAreReported() {
        staleRealm.pimAdmin("PUT", "/settings", body("staleAccountDays", 2, "unusedEligibilityDays", 3));
        String roleId = roleWithoutOtp(staleRealm, "dormant");
        TestUser signsIn = staleRealm.createUser("signs-in");
        TestUser neverSignsIn = staleRealm.createUser("never-signs-in");
        staleRealm.makeEligible(signsIn, roleId);
        staleRealm.makeEligible(neverSignsIn, roleId);
        signsIn.token();
        assertThat(items(staleRealm, "STALE_ACCOUNT")).isEmpty();
        assertThat(items(staleRealm, "UNUSED_ELIGIBILITY")).isEmpty();

        clock.advance(Duration.ofDays(2).plusHours(1));
        assertThat(items(staleRealm, "STALE_ACCOUNT")).hasSize(2)
                .anySatisfy(item -> assertThat(item).startsWith("signs-in | last sign-in ").endsWith("; eligible"))
                .anySatisfy(item -> assertThat(item).startsWith("never-signs-in | no sign-in since "));
        Http.Response activation = signsIn.post("/me/requests", body("roleId", roleId, "justification", "back at work"));
        assertThat(activation.status()).as(activation.toString()).isEqualTo(201);
        assertThat(items(staleRealm, "STALE_ACCOUNT")).as("signing in (for the token) counts").hasSize(1)
                .allSatisfy(item -> assertThat(item).startsWith("never-signs-in | "));

        clock.advance(Duration.ofDays(1));
        List<String> unused = items(staleRealm, "UNUSED_ELIGIBILITY");
        assertThat(unused).hasSize(1).allSatisfy(item -> assertThat(item).startsWith("never-signs-in | eligible since ")
                .contains("not activated for 3 days"));
    }
}
