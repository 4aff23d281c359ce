package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.testId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The "Privileged access" tab on Keycloak's user page (pim admin theme): the user's direct and group
 * eligibilities and their elevations, revoke from there, Keycloak's own tabs unchanged around it,
 * and read-only for an admin with view-users.
 */
class UserPrivilegedAccessTabIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String masterThemeBefore;

    @BeforeAll
    static void useThePimAdminTheme() {
        masterThemeBefore = AdminConsole.useThePimThemes(realm);
    }

    @AfterAll
    static void restoreTheMasterTheme() {
        AdminConsole.restoreTheMasterTheme(realm, masterThemeBefore);
    }

    /** The Details tab's username field (Keycloak's user form). */
    private static final By USERNAME_FIELD = By.cssSelector("main input[name='username']");

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** Keycloak's user tabs scroll sideways when there are many (under a scroll button at the edge): scrolls the tab to the middle, then clicks it. */
    private void clickTab(String tabTestId) {
        WebElement tab = browser.waitFor(testId(tabTestId));
        // Clicked through the DOM: the tab list's scroll buttons may still be moving over it under load.
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'nearest', inline: 'center'}); arguments[0].click();", tab);
    }

    private void openPrivilegedAccessTab() {
        clickTab("pim-user-tab");
    }

    private WebElement row(String tableRowTestId, String text) {
        return browser.waitFor(By.xpath("//*[@data-testid='" + tableRowTestId + "'][contains(., '" + text + "')]"));
    }

    @Test
    void showsDirectAndGroupEligibilitiesAndElevationsAndRevokesFromThere() {
        int n = COUNTER.incrementAndGet();
        String directRole = "tab-direct-" + n;
        String directRoleId = realm.createRealmRole(directRole);
        String groupRole = "tab-group-" + n;
        String groupRoleId = realm.createRealmRole(groupRole);
        TestUser user = realm.createUser("tab-user-" + n, secret());
        realm.makeEligible(user, directRoleId);
        String groupId = realm.createGroup("/tab-team-" + n);
        realm.joinGroup(user, groupId);
        realm.makeGroupEligible(groupId, groupRoleId);
        JsonNode active = user.post("/me/requests", Map.of("roleId", directRoleId, "justification", "INC-5 tab test",
                "otp", user.otpNow())).json();
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");

        console.signInAsMasterAdmin("users/" + user.id() + "/settings");
        browser.waitFor(USERNAME_FIELD);
        // The test server's admin is Keycloak's bootstrap admin: Keycloak's temporary-admin banner is there, as in its own console.
        assertThat(browser.waitFor(testId("pim-temporary-admin-banner")).getText()).contains("temporary admin");
        WebElement tab = browser.waitFor(testId("pim-user-tab"));
        assertThat(tab.getText()).isEqualTo("Privileged access");
        assertThat(tab.getAttribute("aria-selected")).isEqualTo("false");

        openPrivilegedAccessTab();
        browser.waitForUrlEnding("/users/" + user.id() + "/privileged-access");
        assertThat(row("pim-user-eligibility", directRole).getText()).contains("Direct", "Permanent", "Eligible");
        assertThat(row("pim-user-eligibility", groupRole).getText()).contains("/tab-team-" + n);
        assertThat(row("pim-user-elevation", directRole).getText()).contains("Active", "INC-5 tab test");
        assertThat(browser.waitFor(testId("pim-user-tab")).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.driver().findElements(By.cssSelector("[role='tab'][aria-selected='true']"))).hasSize(1);
        assertThat(browser.all(USERNAME_FIELD)).allSatisfy(field -> assertThat(field.isDisplayed()).isFalse());
        browser.screenshot("admin-15-user-privileged-access");

        // Revoke the running elevation from the tab, with a reason.
        browser.click(By.xpath("//*[@data-testid='pim-user-elevation'][contains(., '" + directRole + "')]//button[@aria-label='Kebab toggle']"));
        browser.click(By.xpath("//button[normalize-space()='Revoke']"));
        browser.type(By.cssSelector("[role='dialog'] textarea"), "left the on-call rota");
        browser.click(By.xpath("//*[@role='dialog']//button[normalize-space()='Revoke']"));
        browser.waitFor(By.xpath("//*[@data-testid='pim-user-elevation'][contains(., '" + directRole + "')][contains(., 'Revoked')]"));
        JsonNode revoked = realm.pimAdmin("GET", "/requests?userId=" + user.id() + "&roleId=" + directRoleId, null).get(0);
        assertThat(revoked.path("id").asText()).isEqualTo(active.path("id").asText());
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("endReason").asText()).contains("left the on-call rota");
        assertThat(realm.hasDirectRealmRole(user, directRole)).isFalse();

        // Keycloak's own tabs come back as Keycloak draws them.
        clickTab("role-mapping-tab");
        browser.waitForUrlEnding("/users/" + user.id() + "/role-mapping");
        browser.waitUntilGone(testId("pim-user-privileged-access"));
        assertThat(browser.waitFor(testId("pim-user-tab")).getAttribute("aria-selected")).isEqualTo("false");
        assertThat(browser.driver().findElements(By.cssSelector("[role='tab'][aria-selected='true']"))).hasSize(1);
        clickTab("user-details-tab");
        browser.waitFor(USERNAME_FIELD);

        // "Add assignments" from the tab starts the wizard with this user picked.
        openPrivilegedAccessTab();
        browser.click(testId("pim-user-add-assignment"));
        console.waitForPage("Add assignments");
        browser.type(By.cssSelector("[data-testid='pim-role-picker-search'] input"), groupRole);
        browser.click(testId("pim-role-option-" + groupRole));
        browser.click(By.xpath("//button[normalize-space()='Next']"));
        browser.waitFor(By.xpath("//*[contains(@class,'pf-v5-c-chip')][contains(., '" + user.username() + "')]"));
    }

    @Test
    void viewUsersSeesTheTabWithoutActions() {
        int n = COUNTER.incrementAndGet();
        String roleName = "tab-ro-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser user = realm.createUser("tab-ro-user-" + n, secret());
        realm.makeEligible(user, roleId);
        JsonNode active = user.post("/me/requests", Map.of("roleId", roleId, "justification", "INC-6 read only",
                "otp", user.otpNow())).json();
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
        TestUser viewer = realm.createUser("tab-viewer-" + n);
        AdminConsole.grantRealmManagement(realm, viewer, "view-users");

        console.signInToRealmConsole(viewer, "users/" + user.id() + "/privileged-access");
        row("pim-user-eligibility", roleName);
        row("pim-user-elevation", "INC-6 read only");
        assertThat(browser.isPresent(By.xpath("//*[@data-testid='pim-user-privileged-access']//button[@aria-label='Kebab toggle']"))).isFalse();
        assertThat(browser.isPresent(testId("pim-user-add-assignment"))).isFalse();
        assertThat(browser.isPresent(testId("pim-temporary-admin-banner"))).isFalse();
        browser.screenshot("admin-16-user-privileged-access-view-users");
    }
}
