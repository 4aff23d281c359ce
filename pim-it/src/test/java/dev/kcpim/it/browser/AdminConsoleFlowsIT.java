package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.alert;
import static dev.kcpim.it.browser.AdminConsole.cell;
import static dev.kcpim.it.browser.AdminConsole.csvRows;
import static dev.kcpim.it.browser.AdminConsole.kebab;
import static dev.kcpim.it.browser.AdminConsole.menuItem;
import static dev.kcpim.it.browser.AdminConsole.requestRow;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static dev.kcpim.it.browser.AdminConsole.toMinute;
import static dev.kcpim.it.browser.AdminConsole.userRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Role settings, Requests and Audit pages of the pim admin console in Chromium: saving
 * approvers and approval settings in the policy editor, revoking from the request history, the
 * audit's user and time filters and export, and what a realm admin with only view-users sees.
 */
class AdminConsoleFlowsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

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

    private static JsonNode activate(TestUser user, String roleId, String justification) {
        Http.Response response = user.post("/me/requests", Map.of("roleId", roleId, "justification", justification, "durationSeconds", 3600));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Flips a PatternFly switch by its label (the input itself is visually hidden). */
    private void toggle(String switchId) {
        browser.click(By.cssSelector("label[for='" + switchId + "']"));
    }

    private boolean isOn(String switchId) {
        return browser.driver().findElement(By.id(switchId)).isSelected();
    }

    @Test
    void policyEditorShowsTheDefaultsAndSavesApproversQuorumTimeoutAndApproverOtp() {
        int n = COUNTER.incrementAndGet();
        String roleName = "treasury-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser approver = realm.createUser("approving-user-" + n);
        String groupPath = "/approving-group-" + n;
        String groupId = realm.createGroup(groupPath);
        String approverRole = "approving-role-" + n;
        String approverRoleId = realm.createRealmRole(approverRole);

        // A role without stored settings, picked with "Configure a role": the editor shows the contract's defaults.
        console.signInAsMasterAdmin("pim/roles");
        console.waitForPage("Role settings");
        browser.click(testId("pim-configure-role"));
        browser.type(By.cssSelector("[data-testid='pim-pick-role-modal'] [data-testid='pim-role-picker-search'] input"), roleName);
        browser.click(testId("pim-role-option-" + roleName));
        console.waitForPage("Settings of " + roleName);
        assertThat(browser.waitFor(By.id("pim-maxActivationSeconds")).getAttribute("value")).isEqualTo("28800");
        assertThat(isOn("pim-requireOtp")).isTrue();
        assertThat(isOn("pim-requireJustification")).isTrue();
        assertThat(isOn("pim-requireTicket")).isFalse();
        assertThat(isOn("pim-requireApproval")).isFalse();
        assertThat(isOn("pim-allowPermanentEligibility")).isTrue();
        assertThat(browser.waitFor(By.id("pim-maxEligibilitySeconds")).getAttribute("value")).isEmpty();
        assertThat(browser.isPresent(By.id("pim-minApprovals"))).as("approval settings only with approval").isFalse();
        browser.screenshot("admin-27-policy-defaults");

        toggle("pim-requireApproval");
        browser.type(By.cssSelector("[data-testid='pim-approver-users-search'] input"), approver.username());
        browser.click(testId("pim-member-option-" + approver.username()));
        browser.type(By.cssSelector("[data-testid='pim-approver-groups-search'] input"), groupPath.substring(1));
        browser.click(testId("pim-member-option-" + groupPath));
        browser.type(By.cssSelector("[data-testid='pim-approver-roles-search'] input"), approverRole);
        browser.click(testId("pim-role-option-" + approverRole));
        browser.replace(By.id("pim-minApprovals"), "2");
        browser.replace(By.id("pim-approvalTimeoutSeconds"), "7200");
        toggle("pim-approverRequireOtp");
        browser.click(testId("pim-policy-save"));
        browser.waitFor(alert("The role settings were saved"));

        JsonNode saved = realm.pimAdmin("GET", "/policies/" + roleId, null);
        assertThat(saved.path("requireApproval").asBoolean()).isTrue();
        assertThat(saved.path("approvers").path("users")).extracting(JsonNode::asText).containsExactly(approver.id());
        assertThat(saved.path("approvers").path("groups")).extracting(JsonNode::asText).containsExactly(groupId);
        assertThat(saved.path("approvers").path("roles")).extracting(JsonNode::asText).containsExactly(approverRoleId);
        assertThat(saved.path("minApprovals").asInt()).isEqualTo(2);
        assertThat(saved.path("approvalTimeoutSeconds").asInt()).isEqualTo(7200);
        assertThat(saved.path("approverRequireOtp").asBoolean()).isTrue();
        assertThat(saved.path("maxActivationSeconds").asInt()).as("untouched fields keep their values").isEqualTo(28800);
        assertThat(saved.path("requireOtp").asBoolean()).isTrue();

        // Reloaded, the editor names the stored approvers; the list shows the role as managed.
        browser.driver().navigate().refresh();
        console.waitForPage("Settings of " + roleName);
        browser.waitForText(testId("pim-approver-users"), approver.username());
        browser.waitForText(testId("pim-approver-groups"), groupPath);
        browser.waitForText(testId("pim-policy-form"), approverRole);
        assertThat(browser.waitFor(By.id("pim-minApprovals")).getAttribute("value")).isEqualTo("2");
        assertThat(isOn("pim-approverRequireOtp")).isTrue();
        console.scrollTo(By.id("pim-minApprovals"));
        browser.screenshot("admin-28-policy-approvers");
        browser.click(testId("nav-item-pim-roles"));
        WebElement row = browser.waitFor(By.xpath("//*[@data-testid='pim-policy-row'][.//*[@data-testid='pim-role'][text()='" + roleName + "']]"));
        assertThat(row.getText()).contains("8 h", "2 approvals", "Permanent allowed");
    }

    @Test
    void revokesFromTheRequestHistoryWithAReason() {
        int n = COUNTER.incrementAndGet();
        String roleName = "dba-" + n;
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("dba-user-" + n);
        realm.makeEligible(user, roleId);
        JsonNode active = activate(user, roleId, "INC-9 vacuum the database");
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");

        console.signInAsMasterAdmin("pim/requests");
        console.waitForPage("Requests");
        browser.click(testId("pim-tab-history"));
        new Select(browser.waitFor(testId("pim-status-filter"))).selectByVisibleText("Active");
        By row = requestRow(user.username(), roleName);
        assertThat(browser.waitFor(row).getText()).contains("INC-9 vacuum the database", "Active");
        browser.click(kebab(row));
        browser.click(menuItem("Revoke"));
        assertThat(browser.waitFor(testId("pim-confirm")).getText()).contains(user.username() + " loses " + roleName + " now.");
        browser.type(By.id("pim-reason"), "maintenance is over");
        browser.click(testId("pim-confirm-button"));
        browser.waitFor(alert("The elevation was revoked"));
        browser.waitUntilGone(row);

        JsonNode revoked = realm.pimAdmin("GET", "/requests/" + active.path("id").asText(), null);
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("endReason").asText()).endsWith(": maintenance is over");
        assertThat(realm.hasDirectRealmRole(user, roleName)).isFalse();
        new Select(browser.waitFor(testId("pim-status-filter"))).selectByVisibleText("Revoked");
        WebElement shown = browser.waitFor(row);
        assertThat(cell(shown, "Status")).isEqualTo("Revoked " + revoked.path("endReason").asText());
        assertThat(browser.isPresent(kebab(row))).as("nothing left to revoke").isFalse();
        browser.screenshot("admin-29-requests-revoked");
    }

    @Test
    void auditFiltersByUserAndTimeRangeAndExportsWhatItShows() {
        int n = COUNTER.incrementAndGet();
        String roleId = realm.createRealmRole("audited-role-" + n);
        TestUser subject = realm.createUser("audited-" + n);
        TestUser other = realm.createUser("bystander-" + n);
        String eligibility = realm.makeEligible(subject, roleId);
        realm.makeEligible(other, roleId);
        clock.advance(Duration.ofMinutes(10));
        realm.pimAdmin("DELETE", "/eligibilities/" + eligibility, null);
        JsonNode entries = realm.pimAdmin("GET", "/audit?userId=" + subject.id(), null);
        assertThat(entries).extracting(e -> e.path("action").asText()).containsExactly("ELIGIBILITY_DELETED", "ELIGIBILITY_CREATED");
        long created = entries.get(1).path("at").asLong();
        long deleted = entries.get(0).path("at").asLong();
        long between = toMinute(created + 300_000);
        assertThat(between).isBetween(created + 1, deleted - 1);

        console.signInAsMasterAdmin("pim/audit");
        console.waitForPage("Audit");
        browser.waitFor(testId("pim-audit-row"));
        browser.type(By.cssSelector("[data-testid='pim-audit-user-search'] input"), subject.username());
        browser.click(testId("pim-member-option-" + subject.username()));
        browser.waitUntil(d -> auditActions().equals(List.of("ELIGIBILITY_DELETED", "ELIGIBILITY_CREATED")));
        assertThat(browser.all(testId("pim-audit-row")).stream().map(r -> cell(r, "Username")).distinct().toList())
                .containsExactly(subject.username());

        console.setDateTime(testId("pim-audit-from"), between);
        browser.waitUntil(d -> auditActions().equals(List.of("ELIGIBILITY_DELETED")));
        WebElement row = browser.waitFor(testId("pim-audit-row"));
        assertThat(cell(row, "Time")).isEqualTo(console.formatTime(deleted, "en"));
        assertThat(cell(row, "Actor")).isEqualTo(KeycloakServer.ADMIN_USERNAME);
        browser.screenshot("admin-30-audit-filtered");
        browser.click(testId("pim-audit-export"));
        List<Map<String, String>> exported = csvRows(browser.downloadedFile("pim-audit.csv"));
        assertThat(exported).extracting(r -> r.get("action") + " " + r.get("userId") + " " + r.get("at"))
                .containsExactly("ELIGIBILITY_DELETED " + subject.id() + " " + deleted);

        console.setDateTime(testId("pim-audit-from"), toMinute(created) - 60_000);
        console.setDateTime(testId("pim-audit-to"), between);
        browser.waitUntil(d -> auditActions().equals(List.of("ELIGIBILITY_CREATED")));
        browser.click(testId("pim-audit-export"));
        assertThat(csvRows(browser.downloadedFile("pim-audit.csv"))).extracting(r -> r.get("action") + " " + r.get("userId"))
                .containsExactly("ELIGIBILITY_CREATED " + subject.id());
    }

    private List<String> auditActions() {
        return browser.all(testId("pim-audit-action-cell")).stream().map(WebElement::getText).toList();
    }

    @Test
    void viewUsersOnlySeesEveryPageWithoutAnyChangingControl() {
        int n = COUNTER.incrementAndGet();
        String roleName = "guarded-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser approver = realm.createUser("guard-approver-" + n);
        realm.putPolicy(roleId, Map.of("requireOtp", false, "requireApproval", true, "approvers", Map.of("users", List.of(approver.id()))));
        TestUser pending = realm.createUser("guard-pending-" + n);
        realm.makeEligible(pending, roleId);
        assertThat(activate(pending, roleId, "INC-5 please").path("status").asText()).isEqualTo("PENDING_APPROVAL");
        TestUser active = realm.createUser("guard-active-" + n);
        JsonNode assignment = realm.pimAdmin("POST", "/assignments", Map.of("userId", active.id(), "roleId", roleId,
                "endsAt", ServerClock.nowMillis() + 3_600_000, "justification", "standby"));
        TestUser expired = realm.createUser("guard-expired-" + n);
        realm.pimAdmin("POST", "/assignments", Map.of("userId", expired.id(), "roleId", roleId,
                "endsAt", ServerClock.nowMillis() + 90_000, "justification", "short"));
        clock.advanceAndExpire(Duration.ofMinutes(2));
        TestUser viewer = realm.createUser("guard-viewer-" + n);
        AdminConsole.grantRealmManagement(realm, viewer, "view-users");

        console.signInToRealmConsole(viewer, "pim/assignments/active");
        console.waitForPage("Assignments");
        browser.waitFor(userRow(active.username()));
        assertThat(console.kebabItems(userRow(active.username()))).containsExactly("Open user");
        assertThat(browser.isPresent(testId("pim-add-assignments"))).isFalse();
        assertThat(browser.isPresent(testId("pim-export-active-assignments.csv"))).as("reading includes exporting").isTrue();
        browser.screenshot("admin-31-view-users-active");
        browser.click(testId("pim-tab-expired"));
        browser.waitFor(userRow(expired.username()));
        assertThat(console.kebabItems(userRow(expired.username()))).containsExactly("Open user");
        browser.click(testId("pim-tab-eligible"));
        assertThat(console.kebabItems(userRow(pending.username()))).containsExactly("Open user");

        browser.click(testId("nav-item-pim-roles"));
        console.waitForPage("Role settings");
        By policyRow = By.xpath("//*[@data-testid='pim-policy-row'][.//*[@data-testid='pim-role'][text()='" + roleName + "']]");
        WebElement row = browser.waitFor(policyRow);
        assertThat(row.findElement(By.cssSelector("td:last-child button")).getText()).isEqualTo("View");
        assertThat(browser.waitFor(testId("pim-configure-role")).getText()).isEqualTo("Show a role's settings");
        browser.screenshot("admin-32-view-users-role-settings");
        // "Show a role's settings" finds roles for a reader too.
        browser.click(testId("pim-configure-role"));
        browser.type(By.cssSelector("[data-testid='pim-pick-role-modal'] [data-testid='pim-role-picker-search'] input"), roleName);
        browser.click(testId("pim-role-option-" + roleName));
        console.waitForPage("Settings of " + roleName);
        browser.click(testId("nav-item-pim-roles"));
        browser.click(By.xpath("//*[@data-testid='pim-policy-row'][.//*[text()='" + roleName + "']]//td[last()]//button"));
        console.waitForPage("Settings of " + roleName);
        browser.waitForText(testId("pim-policy-form"), approver.username());
        List<WebElement> controls = browser.all(By.cssSelector("[data-testid='pim-policy-form'] input:not(#pim-pattern-sample), [data-testid='pim-policy-form'] textarea"));
        assertThat(controls).isNotEmpty();
        assertThat(controls).allSatisfy(c -> assertThat(c.isEnabled()).as(c.getAttribute("id")).isFalse());
        assertThat(browser.isPresent(testId("pim-policy-save"))).isFalse();
        assertThat(browser.isPresent(testId("pim-approver-users-search"))).as("no approver picker").isFalse();
        assertThat(browser.all(By.cssSelector("[data-testid='pim-policy-form'] .pf-v5-c-chip button")))
                .as("no remove buttons on the approvers").isEmpty();
        console.scrollTo(By.id("pim-minApprovals"));
        browser.screenshot("admin-33-view-users-policy");

        browser.click(testId("nav-item-pim-requests"));
        console.waitForPage("Requests");
        By pendingRow = requestRow(pending.username(), roleName);
        assertThat(browser.waitFor(pendingRow).getText()).contains("Pending approval");
        assertThat(browser.isPresent(kebab(pendingRow))).isFalse();
        browser.click(testId("pim-tab-history"));
        new Select(browser.waitFor(testId("pim-status-filter"))).selectByVisibleText("Active");
        By activeRow = requestRow(active.username(), roleName);
        assertThat(browser.waitFor(activeRow).getText()).contains("Active");
        assertThat(browser.isPresent(kebab(activeRow))).as("no Revoke without manage-users").isFalse();
        assertThat(browser.all(By.cssSelector("[data-testid='pim-requests'] button"))).as("no action in the table").isEmpty();
        browser.screenshot("admin-34-view-users-requests");

        browser.click(testId("nav-item-pim-audit"));
        console.waitForPage("Audit");
        browser.waitFor(testId("pim-audit-row"));
        assertThat(browser.all(By.cssSelector("[data-testid='pim-audit'] button"))).as("the audit table has no actions").isEmpty();
        browser.type(By.cssSelector("[data-testid='pim-audit-user-search'] input"), active.username());
        browser.click(testId("pim-member-option-" + active.username()));
        browser.waitUntil(d -> auditActions().contains("ASSIGNMENT_CREATED"));
        assertThat(realm.pimAdmin("GET", "/requests/" + assignment.path("id").asText(), null).path("status").asText())
                .as("looking changed nothing").isEqualTo("ACTIVE");
        browser.screenshot("admin-35-view-users-audit");
    }
}
