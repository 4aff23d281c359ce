package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.alert;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Privileged access → Settings: the realm's thresholds and reminder time, saved with manage-realm, the server's range error on its field, read-only with view-realm. */
class AdminSettingsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);

    private String value(String field) {
        return browser.waitFor(By.id("pim-" + field)).getAttribute("value");
    }

    @Test
    void savesAValueAndShowsTheServersErrorForOneOutOfRange() {
        console.signInAsMasterAdmin("pim/roles");
        console.waitForPage("Role settings");
        browser.click(testId("nav-item-pim-settings"));
        console.waitForPage("Settings");
        browser.waitFor(testId("pim-settings-form"));
        assertThat(value("tooManyHoldersThreshold")).isEqualTo("10");
        assertThat(value("unusedEligibilityDays")).isEqualTo("90");
        assertThat(value("staleAccountDays")).isEqualTo("30");
        assertThat(value("frequentActivationCount")).isEqualTo("5");
        assertThat(value("frequentActivationWindowHours")).isEqualTo("24");
        assertThat(value("elevationEndingReminderMinutes")).isEqualTo("10");
        assertThat(browser.waitFor(testId("pim-settings-form")).getText())
                .contains("has not signed in for this many days (1 to 3650)", "0 sends none (0 to 1440)");

        browser.replace(By.id("pim-staleAccountDays"), "45");
        browser.replace(By.id("pim-elevationEndingReminderMinutes"), "0");
        browser.click(testId("pim-settings-save"));
        browser.waitFor(alert("The settings were saved"));
        JsonNode saved = realm.pimAdmin("GET", "/settings", null);
        assertThat(saved.path("staleAccountDays").asInt()).isEqualTo(45);
        assertThat(saved.path("elevationEndingReminderMinutes").asInt()).isEqualTo(0);
        assertThat(saved.path("unusedEligibilityDays").asInt()).as("untouched").isEqualTo(90);
        JsonNode audit = realm.pimAdmin("GET", "/audit?action=SETTINGS_UPDATED", null);
        assertThat(audit).isNotEmpty();
        browser.click(By.xpath("//*[contains(@class,'pf-v5-c-alert')][.//*[contains(., 'The settings were saved')]]//button"));
        browser.waitUntilGone(alert("The settings were saved"));

        // Out of range: the server's answer, on the field it names; nothing changes.
        browser.replace(By.id("pim-unusedEligibilityDays"), "4000");
        browser.click(testId("pim-settings-save"));
        browser.waitForText(testId("pim-settings-error"), "unusedEligibilityDays must be between 1 and 3650");
        assertThat(browser.waitFor(testId("pim-unusedEligibilityDays-error")).getText())
                .isEqualTo("unusedEligibilityDays must be between 1 and 3650");
        assertThat(browser.waitFor(By.id("pim-unusedEligibilityDays")).getAttribute("aria-invalid")).isEqualTo("true");
        console.scrollTo(By.id("pim-frequentActivationCount"));
        browser.screenshot("admin-settings-error");
        assertThat(realm.pimAdmin("GET", "/settings", null).path("unusedEligibilityDays").asInt()).isEqualTo(90);

        // Reloaded, the page shows what is stored.
        browser.driver().navigate().refresh();
        console.waitForPage("Settings");
        browser.waitFor(testId("pim-settings-form"));
        assertThat(value("staleAccountDays")).isEqualTo("45");
        assertThat(value("unusedEligibilityDays")).isEqualTo("90");
    }

    @Test
    void withViewRealmOnlyTheSettingsAreReadOnly() {
        TestUser viewer = realm.createUser("settings-viewer");
        AdminConsole.grantRealmManagement(realm, viewer, "view-users", "view-realm");

        console.signInToRealmConsole(viewer, "pim/settings");
        console.waitForPage("Settings");
        browser.waitFor(testId("pim-settings-read-only"));
        List<WebElement> inputs = browser.all(By.cssSelector("[data-testid='pim-settings-form'] input"));
        assertThat(inputs).hasSize(6);
        assertThat(inputs).allSatisfy(input -> assertThat(input.isEnabled()).as(input.getAttribute("id")).isFalse());
        assertThat(browser.isPresent(testId("pim-settings-save"))).isFalse();
        assertThat(browser.waitFor(testId("nav-item-pim-settings")).getText()).isEqualTo("Settings");
        browser.screenshot("admin-settings-read-only");
    }
}
