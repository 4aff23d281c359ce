package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;

/** "Reset to defaults" in the policy editor: DELETE /policies/{roleId} after a confirmation, audited, the editor shows the defaults. */
class PolicyResetIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private static String masterThemeBefore;

    @BeforeAll
    static void useThePimAdminTheme() {
        RealmResource master = realm.server().admin().realm("master");
        RealmRepresentation masterRep = master.toRepresentation();
        masterThemeBefore = masterRep.getAdminTheme();
        masterRep.setAdminTheme("pim");
        master.update(masterRep);
    }

    @AfterAll
    static void restoreTheMasterTheme() {
        RealmResource master = realm.server().admin().realm("master");
        RealmRepresentation masterRep = master.toRepresentation();
        masterRep.setAdminTheme(masterThemeBefore);
        master.update(masterRep);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    @Test
    void resetsAStoredPolicyToTheDefaultsAfterConfirmation() {
        String roleId = realm.createRealmRole("reset-me");
        realm.putPolicy(roleId, Map.of("maxActivationSeconds", 900, "requireTicket", true));

        browser.open(realm.server().baseUrl() + "/admin/master/console/#/" + realm.name() + "/pim/roles/" + roleId);
        browser.type(By.id("username"), KeycloakServer.ADMIN_USERNAME);
        browser.type(By.id("password"), KeycloakServer.ADMIN_PASSWORD);
        browser.click(By.id("kc-login"));
        browser.waitForText(testId("pim-page-title"), "Settings of reset-me");
        assertThat(browser.waitFor(By.id("pim-maxActivationSeconds")).getAttribute("value")).isEqualTo("900");

        browser.click(testId("pim-policy-reset"));
        browser.waitForText(By.cssSelector("[role='dialog']"), "follows the defaults");
        browser.click(By.xpath("//*[@role='dialog']//button[normalize-space()='Reset to defaults']"));
        browser.waitFor(By.xpath("//*[contains(@class,'pf-v5-c-alert__title')][contains(., 'reset to the defaults')]"));
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
