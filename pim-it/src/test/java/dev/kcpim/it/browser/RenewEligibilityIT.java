package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Renew in My roles: offered on the user's own time-bound eligibility that ends within 14 days (not
 * on a permanent one, nor on a group's), a required justification, then the waiting renewal instead
 * of a second Renew and a Renewal requests section; an admin approves it through the API and, after a
 * reload, the eligibility shows its new end and the section the decision with its reason. An eligibility that
 * already ended is offered for renewal in its own section.
 */
class RenewEligibilityIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private static final long DAY = Duration.ofDays(1).toMillis();

    private static By row(String roleName) {
        return By.cssSelector("[data-testid='pim-eligible-" + roleName + "']");
    }

    private static By inRow(String roleName, String testId) {
        return By.cssSelector("[data-testid='pim-eligible-" + roleName + "'] [data-testid='" + testId + "']");
    }

    private static String role(String name) {
        String roleId = realm.createRealmRole(name);
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        return roleId;
    }

    /** The Renewal requests section is below the eligible roles: shown with the rows above it. */
    private void scrollToTheRenewals() {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'end'})",
                browser.waitFor(By.cssSelector("[data-testid='pim-renewals-table']")));
    }

    @Test
    void anEligibilityThatEndedIsRenewedFromTheEndedRecentlySection() {
        TestUser user = realm.createUser("late-renewer");
        String roleId = role("ended-reader");
        String eligibilityId = realm.pimAdmin("POST", "/eligibilities", Map.of("principalType", "USER", "principalId", user.id(),
                "roleId", roleId, "endsAt", System.currentTimeMillis() + DAY)).path("id").asText();
        realm.pimAdmin("PATCH", "/eligibilities/" + eligibilityId, Map.of("endsAt", System.currentTimeMillis() - 1000));

        browser.loginWithPassword(realm.url("/account/pim/roles"), user);
        browser.waitForConsole();
        By endedRow = By.cssSelector("[data-testid='pim-ended-ended-reader']");
        assertThat(browser.waitFor(endedRow).getText()).contains("ended-reader");
        assertThat(browser.isPresent(row("ended-reader"))).as("no longer among the eligible roles").isFalse();
        browser.click(By.cssSelector("[data-testid='pim-ended-ended-reader'] [data-testid='pim-renew']"));
        assertThat(browser.waitFor(By.cssSelector("[role='dialog']")).getText()).contains("Your eligibility ended");
        browser.type(By.id("pim-renew-justification"), "back from leave");
        browser.click(By.cssSelector("[data-testid='pim-renew-submit']"));
        browser.waitUntilGone(By.cssSelector("[data-testid='pim-renew-dialog']"));
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-ended-ended-reader'] [data-testid='pim-renewal-pending']")).getText())
                .isEqualTo("Renewal requested");
        assertThat(realm.pimAdmin("GET", "/renewals?status=PENDING", null).findValuesAsText("eligibilityId")).contains(eligibilityId);
    }

    @Test
    void theUserAsksForARenewalAndSeesTheAdminsDecision() {
        TestUser user = realm.createUser("renewer");
        long now = System.currentTimeMillis();
        String endingId = role("audit-reader");
        String eligibilityId = realm.pimAdmin("POST", "/eligibilities", Map.of("principalType", "USER", "principalId", user.id(),
                "roleId", endingId, "endsAt", now + 5 * DAY)).path("id").asText();
        realm.makeEligible(user, role("permanent-reader"));
        String groupId = realm.createGroup("/auditors");
        realm.joinGroup(user, groupId);
        realm.pimAdmin("POST", "/eligibilities", Map.of("principalType", "GROUP", "principalId", groupId,
                "roleId", role("group-reader"), "endsAt", now + 5 * DAY));

        browser.loginWithPassword(realm.url("/account/pim/roles"), user);
        browser.waitForConsole();
        browser.waitFor(inRow("audit-reader", "pim-renew"));
        assertThat(browser.isPresent(inRow("permanent-reader", "pim-renew"))).as("permanent").isFalse();
        browser.waitFor(row("group-reader"));
        assertThat(browser.isPresent(inRow("group-reader", "pim-renew"))).as("a group's eligibility").isFalse();
        assertThat(browser.isPresent(By.cssSelector("[data-testid='pim-renewals-table']"))).as("no renewals yet").isFalse();
        String endBefore = browser.waitFor(row("audit-reader")).findElement(By.cssSelector("td[data-label='Eligible until']")).getText();

        browser.click(inRow("audit-reader", "pim-renew"));
        By dialog = By.cssSelector("[data-testid='pim-renew-dialog']");
        assertThat(browser.waitFor(By.cssSelector("[role='dialog']")).getText())
                .contains("Renew your eligibility for audit-reader", "An administrator decides");
        browser.click(By.cssSelector("[data-testid='pim-renew-submit']"));
        assertThat(browser.waitFor(By.cssSelector("[data-testid='pim-renew-justification-error']")).getText())
                .isEqualTo("Enter why you still need this role.");
        browser.type(By.id("pim-renew-justification"), "Quarterly audit runs until March");
        browser.screenshot("account-renew-dialog");
        browser.click(By.cssSelector("[data-testid='pim-renew-submit']"));
        browser.waitUntilGone(dialog);
        browser.waitForText(By.cssSelector("[data-testid='pim-outcome']"), "Your renewal request for audit-reader was sent");

        // Waiting: no second Renew, the request listed.
        assertThat(browser.waitFor(inRow("audit-reader", "pim-renewal-pending")).getText()).isEqualTo("Renewal requested");
        assertThat(browser.isPresent(inRow("audit-reader", "pim-renew"))).isFalse();
        String renewalId = null;
        for (JsonNode renewal : realm.pimAdmin("GET", "/renewals?status=PENDING", null)) {
            if (renewal.path("eligibilityId").asText().equals(eligibilityId)) {
                assertThat(renewalId).as("one pending renewal of the eligibility").isNull();
                renewalId = renewal.path("id").asText();
            }
        }
        assertThat(renewalId).isNotNull();
        By renewalRow = By.cssSelector("[data-testid='pim-renewal-" + renewalId + "']");
        assertThat(browser.waitFor(renewalRow).getText()).contains("audit-reader", "Pending", "Waits for an administrator");
        scrollToTheRenewals();
        browser.screenshot("account-renewal-pending");

        // A second request for the same eligibility is refused by the server too.
        assertThat(user.post("/me/eligibilities/" + eligibilityId + "/renew", Map.of("justification", "again")).status()).isEqualTo(409);

        // The admin approves with a new end, 90 days from now.
        realm.pimAdmin("POST", "/renewals/" + renewalId,
                Map.of("decision", "APPROVE", "endsAt", now + 90 * DAY, "reason", "audit extended to March"));

        browser.driver().navigate().refresh();
        browser.waitForText(renewalRow, "Renewed");
        assertThat(browser.waitFor(renewalRow).getText()).contains("Decided by admin", "audit extended to March");
        String endAfter = browser.waitFor(row("audit-reader")).findElement(By.cssSelector("td[data-label='Eligible until']")).getText();
        assertThat(endAfter).isNotEqualTo(endBefore);
        // 90 days away: not renewable again, and nothing waits.
        assertThat(browser.isPresent(inRow("audit-reader", "pim-renew"))).isFalse();
        assertThat(browser.isPresent(inRow("audit-reader", "pim-renewal-pending"))).isFalse();
        scrollToTheRenewals();
        browser.screenshot("account-renewal-decided");
        assertThat(realm.pimAdmin("GET", "/eligibilities/" + eligibilityId, null).path("endsAt").asLong()).isEqualTo(now + 90 * DAY);
    }
}
