package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.testId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** "Reset to defaults" in the policy editor: DELETE /policies/{roleId} after a confirmation, audited, the editor shows the defaults. */
class PolicyResetIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);
    private static String masterThemeBefore;

    @BeforeAll
    static void useThePimAdminTheme() {
        masterThemeBefore = AdminConsole.useThePimThemes(realm);
    }

    @AfterAll
    static void restoreTheMasterTheme() {
        AdminConsole.restoreTheMasterTheme(realm, masterThemeBefore);
    }

    @Test
    void resetsAStoredPolicyToTheDefaultsAfterConfirmation() {
        String roleId = realm.createRealmRole("reset-me");
        realm.putPolicy(roleId, Map.of("maxActivationSeconds", 900, "requireTicket", true));

        console.signInAsMasterAdmin("pim/roles/" + roleId);
        console.waitForPage("Settings of reset-me");
        assertThat(browser.waitFor(By.id("pim-maxActivationSeconds")).getAttribute("value")).isEqualTo("900");

        browser.click(testId("pim-policy-reset"));
        browser.waitForText(By.cssSelector("[role='dialog']"), "follows the defaults");
        browser.click(By.xpath("//*[@role='dialog']//button[normalize-space()='Reset to defaults']"));
        browser.waitFor(AdminConsole.alert("reset to the defaults"));
        browser.waitUntil(d -> "28800".equals(d.findElement(By.id("pim-maxActivationSeconds")).getAttribute("value")));

        JsonNode policy = realm.pimAdmin("GET", "/policies/" + roleId, null);
        assertThat(policy.path("maxActivationSeconds").asInt()).isEqualTo(28800);
        assertThat(policy.path("requireTicket").asBoolean()).isFalse();
        JsonNode audit = realm.pimAdmin("GET", "/audit?action=POLICY_DELETED", null);
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.path("roleId").asText()).isEqualTo(roleId);
            assertThat(entry.path("details").path("previous").path("maxActivationSeconds").asInt()).isEqualTo(900);
        });
    }
}
