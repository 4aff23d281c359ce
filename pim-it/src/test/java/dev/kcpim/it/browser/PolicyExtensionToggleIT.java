package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.alert;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The policy editor's allowExtension switch: on by default, saved with the policy, shown again after a reload; with approval, how an extension waits. */
class PolicyExtensionToggleIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);

    private boolean isOn(String switchId) {
        return browser.driver().findElement(By.id(switchId)).isSelected();
    }

    @Test
    void allowExtensionIsSavedWithThePolicyAndShownAfterAReload() {
        String roleId = realm.createRealmRole("extend-toggle");
        realm.putPolicy(roleId, Map.of("maxActivationSeconds", 1800));

        console.signInAsMasterAdmin("pim/roles/" + roleId);
        console.waitForPage("Settings of extend-toggle");
        browser.waitFor(testId("pim-policy-form"));
        assertThat(isOn("pim-allowExtension")).as("the default").isTrue();
        assertThat(browser.waitFor(By.id("pim-allowExtension-help")).getText()).contains("move the end of a running elevation later");
        assertThat(browser.isPresent(testId("pim-allowExtension-approval"))).isFalse();

        browser.click(By.cssSelector("label[for='pim-allowExtension']"));
        assertThat(isOn("pim-allowExtension")).isFalse();
        browser.click(testId("pim-policy-save"));
        browser.waitFor(alert("The role settings were saved"));
        assertThat(realm.pimAdmin("GET", "/policies/" + roleId, null).path("allowExtension").asBoolean()).isFalse();
        assertThat(realm.pimAdmin("GET", "/policies/" + roleId, null).path("maxActivationSeconds").asInt())
                .as("the other fields are kept").isEqualTo(1800);

        browser.driver().navigate().refresh();
        console.waitForPage("Settings of extend-toggle");
        browser.waitFor(testId("pim-policy-form"));
        assertThat(isOn("pim-allowExtension")).isFalse();

        // Back on, with approval required: the editor says that an extension then waits for the approvers.
        browser.click(By.cssSelector("label[for='pim-allowExtension']"));
        browser.click(By.cssSelector("label[for='pim-requireApproval']"));
        browser.waitForText(testId("pim-allowExtension-approval"), "an extension waits for the approvers as a request of kind Extension");
        console.scrollTo(By.id("pim-allowExtension-help"));
        browser.screenshot("admin-policy-allow-extension");
        browser.click(By.cssSelector("label[for='pim-requireApproval']"));
        browser.click(testId("pim-policy-save"));
        // (the first save's alert may still show)
        browser.waitUntil(d -> realm.pimAdmin("GET", "/policies/" + roleId, null).path("allowExtension").asBoolean());
        assertThat(realm.pimAdmin("GET", "/policies/" + roleId, null).path("requireApproval").asBoolean()).isFalse();
    }
}
