package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.alert;
import static dev.kcpim.it.browser.AdminConsole.cell;
import static dev.kcpim.it.browser.AdminConsole.csvRows;
import static dev.kcpim.it.browser.AdminConsole.groupRow;
import static dev.kcpim.it.browser.AdminConsole.kebab;
import static dev.kcpim.it.browser.AdminConsole.menuItem;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static dev.kcpim.it.browser.AdminConsole.textContent;
import static dev.kcpim.it.browser.AdminConsole.toMinute;
import static dev.kcpim.it.browser.AdminConsole.userRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Assignments pages of the pim admin console as the master admin, in Chromium: the Active and
 * Expired tabs following elevations to their end, the CSV exports, removing an eligibility and
 * revoking an elevation from the row menus, and the Add assignments wizard (active assignments
 * with a start and end, the role policy's bounds, one result line per member).
 */
class AdminConsoleAssignmentsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @RegisterExtension
    final ServerClock clock = new ServerClock(realm);

    private final AdminConsole console = new AdminConsole(realm, browser);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final By ASSIGN = By.xpath("//button[normalize-space()='Assign']");
    private static final By NEXT = By.xpath("//button[normalize-space()='Next']");
    private static String masterThemeBefore;

    @BeforeAll
    static void useThePimThemes() {
        masterThemeBefore = AdminConsole.useThePimThemes(realm);
    }

    @AfterAll
    static void restoreTheMasterTheme() {
        AdminConsole.restoreTheMasterTheme(realm, masterThemeBefore);
    }

    /** A role whose activation asks only for a justification (no OTP), so tests activate it through the API. */
    private static String roleWithoutOtp(String name) {
        String id = realm.createRealmRole(name);
        realm.putPolicy(id, Map.of("requireOtp", false));
        return id;
    }

    private static JsonNode activate(TestUser user, String roleId, String justification) {
        Http.Response response = user.post("/me/requests", Map.of("roleId", roleId, "justification", justification, "durationSeconds", 3600));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("status").asText()).isEqualTo("ACTIVE");
        return response.json();
    }

    private static JsonNode request(String id) {
        return realm.pimAdmin("GET", "/requests/" + id, null);
    }

    /** The export's rows of one role (the realm is shared by the class's tests). */
    private static List<Map<String, String>> rowsOfRole(String csv, String roleName) {
        return csvRows(csv).stream().filter(r -> roleName.equals(r.get("role.name"))).toList();
    }

    @Test
    void activeAndExpiredTabsFollowElevationsToTheirEndAndExportThem() {
        int n = COUNTER.incrementAndGet();
        String roleName = "ops-admin-" + n;
        String roleId = roleWithoutOtp(roleName);
        String groupPath = "/ops-team-" + n;
        String groupId = realm.createGroup(groupPath);
        realm.makeGroupEligible(groupId, roleId);
        TestUser member = realm.createUser("team-member-" + n);
        realm.joinGroup(member, groupId);
        TestUser activator = realm.createUser("activator-" + n);
        realm.makeEligible(activator, roleId);
        TestUser assigned = realm.createUser("assigned-" + n);
        TestUser shortTerm = realm.createUser("short-term-" + n);
        long now = ServerClock.nowMillis();
        JsonNode activation = activate(activator, roleId, "INC-1 restart the batch");
        JsonNode viaGroup = activate(member, roleId, "INC-2 on call");
        JsonNode assignment = realm.pimAdmin("POST", "/assignments", Map.of("userId", assigned.id(), "roleId", roleId,
                "endsAt", now + 120_000, "justification", "maintenance window"));
        realm.pimAdmin("POST", "/eligibilities", Map.of("principalType", "USER", "principalId", shortTerm.id(), "roleId", roleId,
                "endsAt", now + 120_000));

        console.signInAsMasterAdmin("pim/assignments/active");
        console.waitForPage("Assignments");
        WebElement activated = browser.waitFor(userRow(activator.username()));
        assertThat(cell(activated, "Name")).isEqualTo(activator.username() + " Test");
        assertThat(cell(activated, "Type")).isEqualTo("User");
        assertThat(cell(activated, "Via")).isEqualTo("Direct");
        assertThat(cell(activated, "End")).isEqualTo(console.formatTime(activation.path("endsAt").asLong(), "en") + " Active");
        browser.waitUntil(d -> cell(d.findElement(userRow(activator.username())), "Created by").equals(activator.username()));
        WebElement groupBased = browser.waitFor(userRow(member.username()));
        assertThat(cell(groupBased, "Via")).isEqualTo(groupPath);
        assertThat(cell(groupBased, "End")).isEqualTo(console.formatTime(viaGroup.path("endsAt").asLong(), "en") + " Active");
        WebElement byAdmin = browser.waitFor(userRow(assigned.username()));
        assertThat(cell(byAdmin, "Via")).isEqualTo("Direct (active assignment)");
        assertThat(cell(byAdmin, "End")).isEqualTo(console.formatTime(assignment.path("endsAt").asLong(), "en") + " Active");
        assertThat(browser.isPresent(userRow(shortTerm.username()))).as("an eligibility is not an active assignment").isFalse();
        browser.screenshot("admin-20-active-assignments");

        browser.click(testId("pim-export-active-assignments.csv"));
        List<Map<String, String>> active = rowsOfRole(browser.downloadedFile("active-assignments.csv"), roleName);
        assertThat(active).extracting(r -> r.get("user.username"))
                .containsExactlyInAnyOrder(activator.username(), member.username(), assigned.username());
        assertThat(active).extracting(r -> r.get("status")).containsOnly("ACTIVE");

        // Eligible: the group's eligibility is a row of type Group, without username.
        browser.click(testId("pim-tab-eligible"));
        WebElement group = browser.waitFor(groupRow(groupPath));
        assertThat(cell(group, "Type")).isEqualTo("Group");
        assertThat(cell(group, "Username")).isEmpty();
        assertThat(cell(group, "End")).isEqualTo("Permanent");
        browser.click(testId("pim-export-eligible-assignments.csv"));
        assertThat(rowsOfRole(browser.downloadedFile("eligible-assignments.csv"), roleName))
                .extracting(r -> r.get("principal.type") + " " + r.get("principal.name"))
                .containsExactlyInAnyOrder("GROUP " + groupPath, "USER " + activator.username(), "USER " + shortTerm.username());

        // Past both 2-minute ends: the assignment and the short eligibility are expired, the activations still run.
        clock.advanceAndExpire(Duration.ofMinutes(3));
        assertThat(request(assignment.path("id").asText()).path("status").asText()).isEqualTo("EXPIRED");
        browser.open(console.masterConsole("pim/assignments/expired"));
        browser.driver().navigate().refresh();
        console.waitForPage("Assignments");
        WebElement expired = browser.waitFor(userRow(assigned.username()));
        assertThat(cell(expired, "End")).isEqualTo(console.formatTime(assignment.path("endsAt").asLong(), "en") + " Expired");
        WebElement ended = browser.waitFor(userRow(shortTerm.username()));
        assertThat(cell(ended, "Type")).isEqualTo("User");
        assertThat(browser.isPresent(userRow(activator.username()))).isFalse();
        browser.screenshot("admin-21-expired-assignments");
        browser.click(testId("pim-export-expired-elevations.csv"));
        assertThat(rowsOfRole(browser.downloadedFile("expired-elevations.csv"), roleName))
                .extracting(r -> r.get("user.username") + " " + r.get("status"))
                .containsExactly(assigned.username() + " EXPIRED");
        browser.click(testId("pim-export-expired-eligibilities.csv"));
        assertThat(rowsOfRole(browser.downloadedFile("expired-eligibilities.csv"), roleName))
                .extracting(r -> r.get("principal.name") + " " + r.get("state"))
                .containsExactly(shortTerm.username() + " EXPIRED");

        browser.click(testId("pim-tab-active"));
        browser.waitFor(userRow(activator.username()));
        assertThat(browser.isPresent(userRow(assigned.username()))).isFalse();
    }

    @Test
    void removesAnEligibilityAndRevokesAnElevationFromTheRowMenus() {
        int n = COUNTER.incrementAndGet();
        String roleName = "billing-admin-" + n;
        String roleId = roleWithoutOtp(roleName);
        TestUser dropped = realm.createUser("dropped-" + n);
        realm.makeEligible(dropped, roleId);
        JsonNode basedOnIt = activate(dropped, roleId, "INC-3 invoices");
        TestUser kept = realm.createUser("kept-" + n);
        realm.makeEligible(kept, roleId);
        TestUser assigned = realm.createUser("revoked-" + n);
        JsonNode assignment = realm.pimAdmin("POST", "/assignments", Map.of("userId", assigned.id(), "roleId", roleId,
                "endsAt", ServerClock.nowMillis() + 3_600_000, "justification", "month end"));
        assertThat(realm.hasDirectRealmRole(assigned, roleName)).isTrue();

        console.signInAsMasterAdmin("pim/assignments");
        console.waitForPage("Assignments");
        browser.waitFor(userRow(kept.username()));
        browser.click(kebab(userRow(dropped.username())));
        browser.click(menuItem("Remove"));
        WebElement dialog = browser.waitFor(By.cssSelector(".pf-v5-c-modal-box"));
        assertThat(dialog.getText()).contains("Remove eligibility?",
                dropped.username() + " will no longer be eligible for " + roleName + ". A running elevation based on it ends.");
        browser.screenshot("admin-22-remove-eligibility");
        browser.click(testId("pim-confirm-button"));
        browser.waitFor(alert("The eligibility was removed"));
        browser.waitUntilGone(userRow(dropped.username()));
        assertThat(browser.isPresent(userRow(kept.username()))).isTrue();
        assertThat(realm.pimAdmin("GET", "/eligibilities?userId=" + dropped.id(), null)).isEmpty();
        assertThat(realm.pimAdmin("GET", "/eligibilities?userId=" + kept.id(), null)).hasSize(1);
        assertThat(request(basedOnIt.path("id").asText()).path("status").asText()).isEqualTo("REVOKED");

        browser.click(testId("pim-tab-active"));
        browser.click(kebab(userRow(assigned.username())));
        browser.click(menuItem("Revoke"));
        dialog = browser.waitFor(By.cssSelector(".pf-v5-c-modal-box"));
        assertThat(dialog.getText()).contains("Revoke elevation?", assigned.username() + " loses " + roleName + " now.");
        assertThat(browser.waitFor(testId("pim-confirm-button")).isEnabled()).as("a reason is required").isFalse();
        browser.type(By.id("pim-reason"), "the month end is done");
        browser.screenshot("admin-23-revoke-elevation");
        browser.click(testId("pim-confirm-button"));
        browser.waitFor(alert("The elevation was revoked"));
        browser.waitUntilGone(userRow(assigned.username()));
        JsonNode revoked = request(assignment.path("id").asText());
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("endReason").asText()).endsWith(": the month end is done");
        assertThat(realm.hasDirectRealmRole(assigned, roleName)).isFalse();
    }

    @Test
    void wizardGivesAnActiveAssignmentWithStartAndEnd() {
        int n = COUNTER.incrementAndGet();
        String roleName = "release-manager-" + n;
        String roleId = realm.createRealmRole(roleName);
        TestUser user = realm.createUser("release-" + n);
        long start = toMinute(ServerClock.nowMillis() + 7_200_000);
        long end = start + 3_600_000;

        console.signInAsMasterAdmin("pim/assignments/add");
        console.waitForPage("Add assignments");
        pickRoleAndMembers(roleName, user.username());
        browser.click(By.id("pim-kind-active"));
        assertThat(browser.isPresent(By.id("pim-permanent"))).as("an active assignment always ends").isFalse();
        console.setDateTime(By.id("pim-start"), start);
        console.setDateTime(By.id("pim-end"), start - 3_600_000);
        browser.type(By.id("pim-justification"), "release night");
        browser.waitForText(testId("pim-window-problem"), "The end must be after the start.");
        assertThat(browser.waitFor(ASSIGN).isEnabled()).isFalse();
        console.setDateTime(By.id("pim-end"), end);
        browser.waitUntilGone(testId("pim-window-problem"));
        browser.screenshot("admin-24-wizard-active-assignment");
        browser.click(ASSIGN);
        assertThat(textContent(browser.waitFor(testId("pim-result-ok")))).isEqualTo(user.username() + ": role assigned");

        JsonNode requests = realm.pimAdmin("GET", "/requests?userId=" + user.id(), null);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path("kind").asText()).isEqualTo("ASSIGNMENT");
        assertThat(requests.get(0).path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(requests.get(0).path("startsAt").asLong()).isEqualTo(start);
        assertThat(requests.get(0).path("endsAt").asLong()).isEqualTo(end);
        assertThat(requests.get(0).path("justification").asText()).isEqualTo("release night");
        assertThat(realm.hasDirectRealmRole(user, roleName)).as("not before its start").isFalse();

        // Done leads to the Active tab, where the scheduled assignment waits for its start.
        browser.click(By.xpath("//button[normalize-space()='Done']"));
        console.waitForPage("Assignments");
        WebElement row = browser.waitFor(userRow(user.username()));
        assertThat(cell(row, "Start")).isEqualTo(console.formatTime(start, "en"));
        assertThat(cell(row, "End")).isEqualTo(console.formatTime(end, "en") + " Scheduled");
    }

    @Test
    void wizardKeepsToThePolicyBoundsAndReportsEveryMember() {
        int n = COUNTER.incrementAndGet();
        String roleName = "auditor-" + n;
        String roleId = realm.createRealmRole(roleName);
        realm.putPolicy(roleId, Map.of("allowPermanentEligibility", false, "maxEligibilitySeconds", 7 * 86400));
        TestUser fresh = realm.createUser("fresh-" + n);
        TestUser already = realm.createUser("already-" + n);
        realm.pimAdmin("POST", "/eligibilities", Map.of("principalType", "USER", "principalId", already.id(), "roleId", roleId,
                "endsAt", ServerClock.nowMillis() + 86_400_000));
        String groupPath = "/audit-team-" + n;
        String groupId = realm.createGroup(groupPath);

        console.signInAsMasterAdmin("pim/assignments/add");
        console.waitForPage("Add assignments");
        pickRoleAndMembers(roleName, fresh.username(), already.username(), groupPath);
        String bounds = browser.waitFor(testId("pim-policy-bounds")).getText().replaceAll("\\s+", " ");
        assertThat(bounds).contains("Permanent eligibility allowed No Longest eligibility 7 days");
        assertThat(browser.waitFor(By.id("pim-permanent")).isEnabled()).as("permanent is not offered").isFalse();
        browser.type(By.id("pim-justification"), "quarterly audit");
        console.setDateTime(By.id("pim-end"), ServerClock.nowMillis() + 30L * 86_400_000);
        browser.waitForText(testId("pim-window-problem"), "The role's policy allows eligibility for at most 7 days.");
        assertThat(browser.waitFor(ASSIGN).isEnabled()).isFalse();
        browser.screenshot("admin-25-wizard-policy-bound");

        long end = toMinute(ServerClock.nowMillis() + 3L * 86_400_000);
        console.setDateTime(By.id("pim-end"), end);
        browser.waitUntilGone(testId("pim-window-problem"));
        browser.click(ASSIGN);
        browser.waitFor(testId("pim-results"));
        assertThat(browser.all(testId("pim-result-ok")).stream().map(AdminConsole::textContent))
                .containsExactlyInAnyOrder(fresh.username() + ": now eligible", groupPath + ": now eligible");
        List<WebElement> errors = browser.all(testId("pim-result-error"));
        assertThat(errors).hasSize(1);
        assertThat(textContent(errors.get(0))).startsWith(already.username() + ": ")
                .contains("already has a current eligibility for this role");
        console.scrollTo(testId("pim-results"));
        browser.screenshot("admin-26-wizard-results");

        JsonNode eligibilities = realm.pimAdmin("GET", "/eligibilities?roleId=" + roleId, null);
        assertThat(StreamSupport.stream(eligibilities.spliterator(), false)
                .map(e -> e.path("principal").path("type").asText() + " " + e.path("principal").path("id").asText()))
                .containsExactlyInAnyOrder("USER " + fresh.id(), "USER " + already.id(), "GROUP " + groupId);
        for (JsonNode e : eligibilities) {
            if (!e.path("principal").path("id").asText().equals(already.id())) {
                assertThat(e.path("endsAt").asLong()).isEqualTo(end);
                assertThat(e.path("justification").asText()).isEqualTo("quarterly audit");
            }
        }
    }

    /** Steps 1 and 2 of the wizard: picks the role and the members (usernames or group paths), goes on to Settings. */
    private void pickRoleAndMembers(String roleName, String... members) {
        browser.type(By.cssSelector("[data-testid='pim-role-picker-search'] input"), roleName);
        browser.click(testId("pim-role-option-" + roleName));
        browser.waitForText(testId("pim-picked-role"), roleName);
        browser.click(NEXT);
        for (String member : members) {
            browser.type(By.cssSelector("[data-testid='pim-member-picker-search'] input"), member.replace("/", ""));
            browser.click(testId("pim-member-option-" + member));
            browser.waitForText(By.cssSelector("[data-testid='pim-member-picker'] .pf-v5-c-chip-group"), member);
        }
        browser.click(NEXT);
        browser.waitFor(testId("pim-policy-bounds"));
    }
}
