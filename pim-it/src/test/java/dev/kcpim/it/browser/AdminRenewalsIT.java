package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.alert;
import static dev.kcpim.it.browser.AdminConsole.cell;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static dev.kcpim.it.support.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.ServerClock;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Privileged access → Renewals as an admin with manage-users: two users ask to renew eligibilities that
 * end within 14 days; one is approved with a new end (proposed from the policy's longest eligibility,
 * then chosen in the dialog; the eligibility's end moves), the other denied with a reason (its end
 * stays); the pending list is then empty and "All" shows both decisions.
 */
class AdminRenewalsIT {

    private static final long DAY = 86_400_000L;

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);

    private record Asked(TestUser user, String eligibilityId, long endsAt) {
    }

    /** A user eligible for the role until {@code endsAt}, who asks to renew it with their own token. */
    private static Asked eligibleAndAsking(String username, String roleId, long endsAt, String justification) {
        TestUser user = realm.createUser(username);
        String eligibilityId = realm.pimAdmin("POST", "/eligibilities",
                body("principalType", "USER", "principalId", user.id(), "roleId", roleId, "endsAt", endsAt)).path("id").asText();
        Http.Response renewal = user.post("/me/eligibilities/" + eligibilityId + "/renew", body("justification", justification));
        assertThat(renewal.status()).as(renewal.toString()).isEqualTo(201);
        return new Asked(user, eligibilityId, endsAt);
    }

    private static By renewalRow(String username) {
        return By.xpath("//*[@data-testid='pim-renewal-row'][td[1][normalize-space()='" + username + "']]");
    }

    private static JsonNode eligibility(String id) {
        return realm.pimAdmin("GET", "/eligibilities/" + id, null);
    }

    @Test
    void approvesOneRenewalWithANewEndAndDeniesAnotherWithAReason() {
        String roleId = realm.createRealmRole("treasury-admin");
        realm.putPolicy(roleId, body("maxEligibilitySeconds", 180 * 86_400));
        Asked approved = eligibleAndAsking("renew-approved", roleId, ServerClock.nowMillis() + 10 * DAY, "the audit runs until June");
        Asked denied = eligibleAndAsking("renew-denied", roleId, ServerClock.nowMillis() + 5 * DAY, "just in case");
        TestUser manager = realm.createUser("renewals-manager");
        AdminConsole.grantRealmManagement(realm, manager, "view-users", "manage-users");

        console.signInToRealmConsole(manager, "pim/assignments");
        console.waitForPage("Assignments");
        browser.click(testId("nav-item-pim-renewals"));
        console.waitForPage("Renewals");
        assertThat(new Select(browser.waitFor(testId("pim-renewal-status-filter"))).getFirstSelectedOption().getText())
                .as("pending ones by default").isEqualTo("Pending");
        WebElement row = browser.waitFor(renewalRow(approved.user().username()));
        assertThat(cell(row, "Role")).isEqualTo("treasury-admin");
        assertThat(cell(row, "Justification")).isEqualTo("the audit runs until June");
        assertThat(cell(row, "Eligibility ends")).isEqualTo(console.formatTime(approved.endsAt(), "en"));
        assertThat(cell(row, "Decision")).isEqualTo("Pending");
        browser.waitFor(renewalRow(denied.user().username()));
        browser.screenshot("admin-renewals");

        // Approve: the policy's longest eligibility (180 days from the eligibility's start) is proposed; a shorter end is chosen.
        row.findElement(By.cssSelector("[data-testid='pim-renewal-approve']")).click();
        assertThat(browser.waitFor(testId("pim-confirm")).getText())
                .contains("renew-approved asks to stay eligible for treasury-admin");
        assertThat(browser.waitFor(testId("pim-renewal-latest")).getText()).contains("180 days from its start");
        assertThat(browser.waitFor(testId("pim-renewal-ends-at")).getAttribute("value")).isNotBlank();
        long newEnd = AdminConsole.toMinute(ServerClock.nowMillis() + 60 * DAY);
        console.setDateTime(testId("pim-renewal-ends-at"), newEnd);
        browser.screenshot("admin-renewal-approve");
        browser.click(testId("pim-confirm-button"));
        browser.waitFor(alert("renew-approved stays eligible for treasury-admin until"));
        browser.waitUntilGone(renewalRow(approved.user().username()));
        assertThat(eligibility(approved.eligibilityId()).path("endsAt").asLong()).as("the eligibility's end moved").isEqualTo(newEnd);

        // Deny: a reason is required; the eligibility keeps its end.
        browser.waitFor(renewalRow(denied.user().username())).findElement(By.cssSelector("[data-testid='pim-renewal-deny']")).click();
        browser.waitFor(testId("pim-confirm"));
        assertThat(browser.waitFor(testId("pim-confirm-button")).isEnabled()).isFalse();
        browser.type(By.id("pim-reason"), "the project has ended");
        browser.click(testId("pim-confirm-button"));
        browser.waitFor(alert("The renewal of treasury-admin for renew-denied was denied"));
        browser.waitForText(testId("pim-no-renewals"), "No renewals wait for a decision");
        assertThat(eligibility(denied.eligibilityId()).path("endsAt").asLong()).isEqualTo(denied.endsAt());
        JsonNode decided = realm.pimAdmin("GET", "/renewals?status=DENIED", null);
        assertThat(decided).hasSize(1);
        assertThat(decided.get(0).path("reason").asText()).isEqualTo("the project has ended");
        assertThat(decided.get(0).path("decidedBy").path("username").asText()).isEqualTo(manager.username());

        // All: both decisions, with who decided, the new end and the reason.
        new Select(browser.waitFor(testId("pim-renewal-status-filter"))).selectByVisibleText("All");
        String approvedDecision = cell(browser.waitFor(renewalRow(approved.user().username())), "Decision");
        assertThat(approvedDecision).startsWith("Approved by renewals-manager")
                .contains("until " + console.formatTime(newEnd, "en"));
        assertThat(cell(browser.waitFor(renewalRow(denied.user().username())), "Decision"))
                .startsWith("Denied by renewals-manager").endsWith("the project has ended");
        browser.screenshot("admin-renewals-decided");
    }
}
