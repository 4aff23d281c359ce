package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.alert;
import static dev.kcpim.it.browser.AdminConsole.cell;
import static dev.kcpim.it.browser.AdminConsole.testId;
import static dev.kcpim.it.support.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Privileged access → Alerts: the empty state, a standing grant found after Refresh (a direct one with
 * Remediate, one through a group that says where to remove it), remediating it (confirmed, with a
 * justification) so that it leaves the list and the user is eligible instead; without manage-users no
 * Remediate. Signed in through the realm's console URL that the alert emails link to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminAlertsIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    @Order(PimThemes.AFTER_THE_REALM)
    static final PimThemes themes = new PimThemes(realm);

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);

    /** A realm role PIM manages (a policy with OTP, so that only STANDING_ACCESS reports it). */
    private static String managedRole(String name) {
        String roleId = realm.createRealmRole(name);
        realm.putPolicy(roleId, body("requireOtp", true, "maxActivationSeconds", 3600));
        return roleId;
    }

    private static RoleRepresentation role(String name) {
        return realm.resource().roles().get(name).toRepresentation();
    }

    private static void grantDirectly(TestUser user, String roleName) {
        realm.resource().users().get(user.id()).roles().realmLevel().add(List.of(role(roleName)));
    }

    /** The STANDING_ACCESS row of a user on the page. */
    private static By standingRow(String username) {
        return By.xpath("//*[@data-testid='pim-alert-STANDING_ACCESS']//*[@data-testid='pim-alert-item'][td[1][normalize-space()='" + username + "']]");
    }

    @Test
    @Order(1)
    void aStandingGrantFoundOnRefreshIsRemediatedIntoAnEligibility() {
        TestUser manager = realm.createUser("alerts-manager");
        AdminConsole.grantRealmManagement(realm, manager, "view-users", "manage-users");

        // The emails' link: /admin/{realm}/console/#/{realm}/pim/alerts.
        console.signInToRealmConsole(manager, "pim/alerts");
        console.waitForPage("Alerts");
        browser.waitForText(testId("pim-no-alerts"), "No alerts");
        assertThat(browser.waitFor(testId("nav-item-pim-alerts")).getAttribute("class")).contains("pf-m-current");

        String roleId = managedRole("payroll-admin");
        TestUser direct = realm.createUser("standing-direct");
        grantDirectly(direct, "payroll-admin");
        TestUser member = realm.createUser("standing-member");
        String groupId = realm.createGroup("/payroll-team");
        realm.resource().groups().group(groupId).roles().realmLevel().add(List.of(role("payroll-admin")));
        realm.joinGroup(member, groupId);

        browser.click(testId("pim-alerts-refresh"));
        WebElement card = browser.waitFor(testId("pim-alert-STANDING_ACCESS"));
        assertThat(card.findElement(By.cssSelector("[data-testid='pim-alert-severity']")).getText()).isEqualTo("High");
        assertThat(card.findElement(By.cssSelector("[data-testid='pim-alert-title']")).getText()).isEqualTo("Roles held outside PIM");
        assertThat(card.findElement(By.cssSelector("[data-testid='pim-alert-count']")).getText()).startsWith("2");
        assertThat(card.findElement(By.cssSelector("[data-testid='pim-alert-description']")).getText()).contains("outside PIM");
        WebElement directRow = browser.waitFor(standingRow(direct.username()));
        assertThat(cell(directRow, "Role")).isEqualTo("payroll-admin");
        assertThat(cell(directRow, "Detail")).isEqualTo("direct role mapping");
        assertThat(cell(directRow, "Last evaluated")).isNotBlank();
        assertThat(directRow.findElements(By.cssSelector("[data-testid='pim-remediate']"))).hasSize(1);
        WebElement memberRow = browser.waitFor(standingRow(member.username()));
        assertThat(cell(memberRow, "Detail")).isEqualTo("role mapping of group /payroll-team");
        assertThat(memberRow.findElements(By.cssSelector("[data-testid='pim-remediate']"))).as("a group's grant is removed where it is").isEmpty();
        assertThat(memberRow.findElement(By.cssSelector("[data-testid='pim-remove-where-granted']")).getText())
                .isEqualTo("Granted through a group or a composite role: remove the grant there");
        browser.screenshot("admin-alerts");

        directRow.findElement(By.cssSelector("[data-testid='pim-remediate']")).click();
        assertThat(browser.waitFor(testId("pim-confirm")).getText())
                .contains("The direct mapping of payroll-admin is removed from standing-direct, who becomes eligible for it instead");
        assertThat(browser.waitFor(testId("pim-remedy-ends-at")).getAttribute("value")).as("permanent unless an end is set").isEmpty();
        assertThat(browser.waitFor(testId("pim-confirm-button")).isEnabled()).as("the justification is required").isFalse();
        browser.type(By.id("pim-reason"), "found by the standing access alert");
        browser.screenshot("admin-alerts-remediate");
        browser.click(testId("pim-confirm-button"));
        browser.waitFor(alert("standing-direct is now eligible for payroll-admin; the direct mapping was removed"));
        browser.waitUntilGone(standingRow(direct.username()));
        browser.waitFor(standingRow(member.username()));

        assertThat(realm.hasDirectRealmRole(direct, "payroll-admin")).isFalse();
        JsonNode eligibilities = realm.pimAdmin("GET", "/eligibilities?userId=" + direct.id() + "&roleId=" + roleId, null);
        assertThat(eligibilities).hasSize(1);
        assertThat(eligibilities.get(0).path("state").asText()).isEqualTo("ELIGIBLE");
        assertThat(eligibilities.get(0).path("endsAt").isNull()).as("permanently eligible").isTrue();
        assertThat(eligibilities.get(0).path("justification").asText()).isEqualTo("found by the standing access alert");
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + direct.id() + "&action=STANDING_ACCESS_REMEDIATED", null)).hasSize(1);
    }

    @Test
    @Order(2)
    void withViewUsersOnlyTheAlertsAreShownWithoutRemediate() {
        managedRole("ledger-admin");
        TestUser holder = realm.createUser("ledger-holder");
        grantDirectly(holder, "ledger-admin");
        TestUser viewer = realm.createUser("alerts-viewer");
        AdminConsole.grantRealmManagement(realm, viewer, "view-users");

        console.signInToRealmConsole(viewer, "pim/alerts");
        console.waitForPage("Alerts");
        WebElement row = browser.waitFor(standingRow(holder.username()));
        assertThat(cell(row, "Detail")).isEqualTo("direct role mapping");
        assertThat(browser.isPresent(testId("pim-remediate"))).isFalse();
        assertThat(browser.isPresent(testId("nav-item-pim-renewals"))).as("renewals need manage-users").isFalse();
        assertThat(realm.hasDirectRealmRole(holder, "ledger-admin")).isTrue();
    }
}
