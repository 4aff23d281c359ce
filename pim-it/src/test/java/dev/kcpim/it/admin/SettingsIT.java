package dev.kcpim.it.admin;

import static dev.kcpim.it.support.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.AdminUsers;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.PimAdminApi;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET/PUT /settings}: the contract's defaults, replacement (a field left out takes its default),
 * the permissions (view-realm reads, manage-realm changes), bad values refused without a change, one
 * audit entry naming what changed, and settings that stay in their realm.
 */
class SettingsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();
    @RegisterExtension
    static final TestRealm otherRealm = new TestRealm();

    static final AdminUsers admins = new AdminUsers(realm);
    static final PimAdminApi pim = admins.api();

    private static final Map<String, Object> DEFAULTS = body("tooManyHoldersThreshold", 10, "unusedEligibilityDays", 90,
            "staleAccountDays", 30, "frequentActivationCount", 5, "frequentActivationWindowHours", 24, "elevationEndingReminderMinutes", 10);

    @Test
    void anyUserOfTheRealmReadsTheReminderTimeForTheAccountConsole() {
        TestUser user = otherRealm.createUser("reads-reminder-time");
        assertThat(user.get("/me/settings").json().path("elevationEndingReminderMinutes").asInt()).isEqualTo(10);
        assertThat(user.get("/me/settings").json().size()).as("nothing else of the settings").isEqualTo(1);
    }

    @Test
    void aRealmStartsWithTheContractDefaults() {
        assertSettings(otherRealm.pimAdmin("GET", "/settings", null), DEFAULTS);
    }

    @Test
    void putReplacesTheSettingsAndFieldsLeftOutTakeTheDefaults() {
        Map<String, Object> changed = body("tooManyHoldersThreshold", 3, "unusedEligibilityDays", 14, "staleAccountDays", 7,
                "frequentActivationCount", 2, "frequentActivationWindowHours", 1, "elevationEndingReminderMinutes", 0);
        Http.Response put = pim.put(admins.admin(), "/settings", changed);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertSettings(put.json(), changed);
        assertSettings(pim.get(admins.admin(), "/settings").json(), changed);

        Http.Response partial = pim.put(admins.admin(), "/settings", body("staleAccountDays", 45));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        Map<String, Object> expected = new java.util.HashMap<>(DEFAULTS);
        expected.put("staleAccountDays", 45);
        assertSettings(pim.get(admins.admin(), "/settings").json(), expected);
        assertSettings(otherRealm.pimAdmin("GET", "/settings", null), DEFAULTS);

        JsonNode audit = pim.get(admins.admin(), "/audit?action=SETTINGS_UPDATED").json();
        assertThat(audit.size()).isGreaterThanOrEqualTo(2);
        JsonNode last = audit.get(0);
        assertThat(last.path("details").path("staleAccountDays").asText()).isEqualTo("7 -> 45");
        assertThat(last.path("details").path("tooManyHoldersThreshold").asText()).isEqualTo("3 -> 10");
        assertThat(last.path("details").path("frequentActivationWindowHours").asText()).as("left out: back to the default").isEqualTo("1 -> 24");

        pim.put(admins.admin(), "/settings", expected);
        JsonNode unchanged = pim.get(admins.admin(), "/audit?action=SETTINGS_UPDATED").json().get(0);
        assertThat(unchanged.path("details").has("staleAccountDays")).as("unchanged fields are not listed").isFalse();
        pim.put(admins.admin(), "/settings", DEFAULTS);
    }

    @Test
    void badValuesAreRefusedAndChangeNothing() {
        pim.put(admins.admin(), "/settings", DEFAULTS);
        for (Map<String, Object> bad : new Map[]{body("tooManyHoldersThreshold", 0), body("unusedEligibilityDays", 3651),
                body("staleAccountDays", -1), body("frequentActivationCount", 0), body("frequentActivationWindowHours", 0),
                body("elevationEndingReminderMinutes", 1441), body("staleAccountDays", "thirty"), body("staleAccountDays", 1.5)}) {
            Http.Response response = pim.put(admins.admin(), "/settings", merged(bad));
            assertThat(response.status()).as(bad + " -> " + response).isEqualTo(400);
            assertThat(response.json().path("error").asText()).isEqualTo("invalid_request");
        }
        Http.Response noBody = pim.put(admins.admin(), "/settings", null);
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(400);
        assertSettings(pim.get(admins.admin(), "/settings").json(), DEFAULTS);
    }

    @Test
    void readingNeedsViewRealmAndChangingNeedsManageRealm() {
        TestUser viewRealm = realm.createUser("view-realm-" + System.nanoTime());
        AdminUsers.grantRealmManagement(realm, viewRealm, "view-realm");
        TestUser manageRealm = realm.createUser("manage-realm-" + System.nanoTime());
        AdminUsers.grantRealmManagement(realm, manageRealm, "manage-realm");

        assertThat(pim.get(admins.token(admins.plainUser()), "/settings").status()).isEqualTo(403);
        assertThat(pim.get(admins.token(admins.manager()), "/settings").status()).as("manage-users alone").isEqualTo(403);
        assertThat(pim.get(viewRealm.token(), "/settings").status()).isEqualTo(200);
        assertThat(pim.put(viewRealm.token(), "/settings", body("staleAccountDays", 5)).status()).isEqualTo(403);
        assertThat(pim.put(admins.token(admins.manager()), "/settings", body("staleAccountDays", 5)).status()).isEqualTo(403);
        assertThat(pim.get(admins.admin(), "/settings").json().path("staleAccountDays").asInt()).as("refused PUTs changed nothing")
                .isNotEqualTo(5);

        Http.Response byManager = pim.put(manageRealm.token(), "/settings", body("staleAccountDays", 5));
        assertThat(byManager.status()).as(byManager.toString()).isEqualTo(200);
        assertThat(byManager.json().path("staleAccountDays").asInt()).isEqualTo(5);
        pim.put(admins.admin(), "/settings", DEFAULTS);
    }

    private static Map<String, Object> merged(Map<String, Object> change) {
        Map<String, Object> merged = new java.util.HashMap<>(DEFAULTS);
        merged.putAll(change);
        return merged;
    }

    private static void assertSettings(JsonNode settings, Map<String, Object> expected) {
        expected.forEach((field, value) -> assertThat(settings.path(field).asInt()).as(field).isEqualTo(value));
        assertThat(settings.size()).as("fields").isEqualTo(DEFAULTS.size());
    }
}
