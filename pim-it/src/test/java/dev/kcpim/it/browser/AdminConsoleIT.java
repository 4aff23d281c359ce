package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.alert;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The "Privileged access" section of the pim admin theme in a real Chromium: the pages as the master
 * admin and as a realm admin with only view-users, Keycloak's standard pages with the theme, and the
 * seed story (made eligible in the admin console, activated in the account console, the admin
 * console follows the user's rights).
 */
class AdminConsoleIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    private final AdminConsole console = new AdminConsole(realm, browser);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String masterThemeBefore;

    @BeforeAll
    static void useThePimThemes() {
        masterThemeBefore = AdminConsole.useThePimThemes(realm);
    }

    @AfterAll
    static void restoreTheMasterTheme() {
        AdminConsole.restoreTheMasterTheme(realm, masterThemeBefore);
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Test
    void masterAdminSeesEveryPageAndTheStandardPagesStillRender() {
        int n = COUNTER.incrementAndGet();
        String roleName = "payroll-admin-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser approver = realm.createUser("approver-" + n);
        realm.putPolicy(roleId, Map.of("maxActivationSeconds", 3600, "requireApproval", true, "minApprovals", 1,
                "approvers", Map.of("users", List.of(approver.id())), "justificationPattern", "INC-[0-9]+.*"));
        TestUser eligible = realm.createUser("eligible-" + n, secret());
        realm.makeEligible(eligible, roleId);

        console.signInAsMasterAdmin("pim/assignments");
        console.waitForPage("Assignments");
        browser.waitFor(testId("pim-nav"));
        WebElement row = browser.waitFor(By.xpath("//*[@data-testid='pim-row'][.//*[@data-testid='pim-row-username' and text()='" + eligible.username() + "']]"));
        assertThat(row.getText()).contains("eligible-" + n + " Test", "User", "Direct", "Permanent", "admin");
        assertThat(browser.waitFor(testId("pim-table-eligible")).getText()).contains(roleName);
        browser.type(By.cssSelector("[data-testid='pim-search'] input"), "nobody-matches-this");
        browser.waitFor(testId("pim-empty"));
        browser.type(By.cssSelector("[data-testid='pim-search'] input"), "eligible-" + n);
        browser.waitFor(testId("pim-row"));
        assertThat(browser.isPresent(testId("pim-add-assignments"))).isTrue();
        browser.screenshot("admin-01-assignments");

        // Role settings: the managed role with its policy; the editor with the live pattern test.
        browser.click(testId("nav-item-pim-roles"));
        console.waitForPage("Role settings");
        WebElement policyRow = browser.waitFor(By.xpath("//*[@data-testid='pim-policy-row'][contains(., '" + roleName + "')]"));
        assertThat(policyRow.getText()).contains("1 h", "One-time code", "Approval");
        browser.screenshot("admin-02-role-settings");
        browser.click(By.xpath("//*[@data-testid='pim-policy-row']//a[contains(., '" + roleName + "')]"));
        console.waitForPage("Settings of " + roleName);
        assertThat(browser.waitFor(By.id("pim-maxActivationSeconds")).getAttribute("value")).isEqualTo("3600");
        browser.type(By.id("pim-pattern-sample"), "just because");
        browser.waitForText(testId("pim-pattern-result"), "Does not match");
        browser.type(By.id("pim-pattern-sample"), "INC-42 restart payroll");
        browser.waitForText(testId("pim-pattern-result"), "Matches");
        browser.type(By.id("pim-maxActivationSeconds"), "7200");
        browser.click(testId("pim-policy-save"));
        browser.waitFor(alert("The role settings were saved"));
        assertThat(realm.pimAdmin("GET", "/policies/" + roleId, null).path("maxActivationSeconds").asInt()).isEqualTo(7200);
        assertThat(realm.pimAdmin("GET", "/policies/" + roleId, null).path("requireApproval").asBoolean()).isTrue();
        browser.screenshot("admin-03-policy-editor");

        // Requests: a pending activation with its deadline; history after revoking an active one.
        JsonNode pending = eligible.post("/me/requests", Map.of("roleId", roleId, "justification", "INC-7 payroll run",
                "otp", eligible.otpNow())).json();
        assertThat(pending.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        browser.click(testId("nav-item-pim-requests"));
        console.waitForPage("Requests");
        WebElement request = browser.waitFor(By.xpath("//*[@data-testid='pim-request-row'][contains(., '" + eligible.username() + "')]"));
        assertThat(request.getText()).contains(roleName, "INC-7 payroll run", "Pending approval", "0 of 1 approvals");
        browser.screenshot("admin-04-requests");
        browser.click(testId("pim-tab-history"));
        browser.waitFor(testId("pim-status-filter"));
        new org.openqa.selenium.support.ui.Select(browser.waitFor(testId("pim-status-filter"))).selectByVisibleText("Active");
        browser.waitFor(testId("pim-empty"));

        // Audit with an action filter.
        browser.click(testId("nav-item-pim-audit"));
        console.waitForPage("Audit");
        browser.waitFor(testId("pim-audit-row"));
        new org.openqa.selenium.support.ui.Select(browser.waitFor(testId("pim-audit-action"))).selectByVisibleText("POLICY_UPDATED");
        browser.waitUntil(d -> d.findElements(testId("pim-audit-action-cell")).stream().allMatch(e -> e.getText().equals("POLICY_UPDATED"))
                && !d.findElements(testId("pim-audit-action-cell")).isEmpty());
        browser.screenshot("admin-05-audit");

        // Keycloak's own pages, unchanged, with the theme.
        browser.click(testId("nav-item-users"));
        browser.waitFor(testId("add-user"));
        browser.screenshot("admin-06-users");
        browser.click(testId("nav-item-clients"));
        browser.waitForText(By.tagName("main"), "realm-management");
        browser.click(testId("nav-item-realm-settings"));
        browser.waitFor(By.xpath("//label[contains(., 'Realm name')]"));
        browser.screenshot("admin-07-realm-settings");
    }

    @Test
    void viewUsersOnlySeesEverythingAndCanChangeNothing() {
        int n = COUNTER.incrementAndGet();
        String roleName = "readonly-role-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser eligible = realm.createUser("ro-eligible-" + n);
        realm.makeEligible(eligible, roleId);
        TestUser viewer = realm.createUser("viewer-" + n);
        AdminConsole.grantRealmManagement(realm, viewer, "view-users");

        browser.open(console.realmConsole("pim/assignments"));
        browser.type(By.id("username"), viewer.username());
        browser.type(By.id("password"), viewer.password());
        browser.click(By.id("kc-login"));
        console.waitForPage("Assignments");
        browser.waitFor(By.xpath("//*[@data-testid='pim-row-username' and text()='" + eligible.username() + "']"));
        assertThat(browser.isPresent(testId("pim-add-assignments"))).isFalse();
        // The row menu offers only "Open user".
        browser.click(By.xpath("//*[@data-testid='pim-row'][.//*[text()='" + eligible.username() + "']]//button[@aria-label='Kebab toggle']"));
        browser.waitFor(By.xpath("//button[normalize-space()='Open user']"));
        assertThat(browser.isPresent(By.xpath("//button[normalize-space()='Remove']"))).isFalse();
        browser.screenshot("admin-08-view-users-assignments");

        browser.open(console.realmConsole("pim/roles/" + roleId));
        console.waitForPage("Settings of " + roleName);
        assertThat(browser.waitFor(By.id("pim-maxActivationSeconds")).isEnabled()).isFalse();
        assertThat(browser.isPresent(testId("pim-policy-save"))).isFalse();
        browser.open(console.realmConsole("pim/assignments/add"));
        browser.waitForText(By.tagName("main"), "manage-users");
        browser.screenshot("admin-09-view-users-forbidden");
    }

    @Test
    void seedStoryEligibleInTheAdminConsoleActivatedInTheAccountConsole() {
        int n = COUNTER.incrementAndGet();
        String roleName = "user-admins-" + n;
        String roleId = realm.createRealmRole(roleName);
        String clientId = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        realm.resource().rolesById().addComposites(roleId, List.of(
                realm.resource().clients().get(clientId).roles().get("manage-users").toRepresentation(),
                realm.resource().clients().get(clientId).roles().get("view-users").toRepresentation()));
        TestUser helpdesk = realm.createUser("helpdesk-" + n, secret());

        // The master admin makes the user eligible with the wizard.
        console.signInAsMasterAdmin("pim/assignments/add");
        console.waitForPage("Add assignments");
        browser.type(By.cssSelector("[data-testid='pim-role-picker-search'] input"), roleName);
        browser.click(testId("pim-role-option-" + roleName));
        browser.waitForText(testId("pim-picked-role"), roleName);
        browser.click(By.xpath("//button[normalize-space()='Next']"));
        browser.type(By.cssSelector("[data-testid='pim-member-picker-search'] input"), helpdesk.username());
        browser.click(testId("pim-member-option-" + helpdesk.username()));
        browser.click(By.xpath("//button[normalize-space()='Next']"));
        browser.waitFor(testId("pim-policy-bounds"));
        browser.click(By.id("pim-permanent"));
        browser.type(By.id("pim-justification"), "on call for the helpdesk");
        browser.screenshot("admin-10-add-assignments");
        browser.click(By.xpath("//button[normalize-space()='Assign']"));
        assertThat(browser.waitFor(testId("pim-result-ok")).getText()).contains(helpdesk.username(), "now eligible");
        browser.screenshot("admin-11-add-assignments-result");
        JsonNode eligibilities = realm.pimAdmin("GET", "/eligibilities?userId=" + helpdesk.id(), null);
        assertThat(eligibilities).hasSize(1);
        assertThat(eligibilities.get(0).path("endsAt").isNull()).isTrue();
        assertThat(eligibilities.get(0).path("justification").asText()).isEqualTo("on call for the helpdesk");
        browser.driver().manage().deleteAllCookies();

        // The user signs in to the realm's admin console: no rights, a pointer to Privileged access.
        browser.open(console.realmConsole(""));
        browser.type(By.id("username"), helpdesk.username());
        browser.type(By.id("password"), helpdesk.password());
        browser.click(By.id("kc-login"));
        browser.type(By.id("otp"), browser.freshCode(helpdesk));
        browser.click(By.id("kc-login"));
        browser.waitFor(testId("pim-activate-hint"));
        assertThat(browser.isPresent(testId("nav-item-users"))).isFalse();
        assertThat(browser.waitFor(testId("pim-activate-link")).getAttribute("href"))
                .isEqualTo(realm.url("/account/pim/roles"));
        browser.screenshot("admin-12-no-rights-hint");

        // Activates in the account console (same sign-in session), with a fresh one-time code.
        browser.click(testId("pim-activate-link"));
        browser.click(By.cssSelector("[data-testid='pim-eligible-" + roleName + "'] [data-testid='pim-activate']"));
        browser.waitFor(testId("pim-activate-dialog"));
        browser.type(By.id("pim-justification"), "INC-1: reset a password");
        browser.type(By.id("pim-otp"), browser.freshCode(helpdesk));
        browser.click(testId("pim-activate-submit"));
        browser.waitFor(By.cssSelector("[data-testid='pim-active-" + roleName + "'] [data-testid='pim-countdown']"));

        // The admin console now offers the Users pages, and creating a user works.
        browser.open(console.realmConsole("users"));
        browser.click(testId("add-user"));
        String created = "created-by-helpdesk-" + n;
        browser.type(By.name("username"), created);
        browser.click(By.xpath("//button[normalize-space()='Create']"));
        browser.waitFor(alert("The user has been created"));
        assertThat(realm.resource().users().search(created, true)).hasSize(1);
        browser.screenshot("admin-13-elevated-created-user");

        // Deactivates: the rights are gone again.
        browser.open(realm.url("/account/pim/roles"));
        browser.click(By.cssSelector("[data-testid='pim-active-" + roleName + "'] [data-testid='pim-deactivate']"));
        browser.click(testId("pim-confirm-deactivate"));
        browser.waitFor(testId("pim-no-active"));
        browser.open(console.realmConsole(""));
        browser.driver().navigate().refresh();
        browser.waitFor(testId("pim-activate-hint"));
        assertThat(browser.isPresent(testId("nav-item-users"))).isFalse();
        browser.screenshot("admin-14-deactivated");
    }
}
