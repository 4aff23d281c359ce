package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The approval flow end to end against the real server, in two browser sessions: the requester
 * asks for a role that needs approval, the approver approves it with a reason and their own
 * one-time code, and the requester then holds the role.
 */
class ApprovalFlowIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession requesterBrowser = new BrowserSession();

    @RegisterExtension
    final BrowserSession approverBrowser = new BrowserSession();

    @BeforeAll
    static void useThePimAccountTheme() {
        RealmRepresentation representation = realm.resource().toRepresentation();
        representation.setAccountTheme("pim");
        realm.resource().update(representation);
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Test
    void aRequestApprovedInAnotherSessionBecomesActiveForTheRequester() {
        String roleName = "release-manager";
        String roleId = realm.createRealmRole(roleName);
        TestUser requester = realm.createUser("requester", secret());
        TestUser approver = realm.createUser("approver", secret());
        realm.putPolicy(roleId, Map.of("requireApproval", true, "approverRequireOtp", true,
                "approvers", Map.of("users", List.of(approver.id()))));
        realm.makeEligible(requester, roleId);

        // Requester: ask for the role.
        requesterBrowser.loginWithPasswordAndOtp(realm.url("/account/"), requester);
        requesterBrowser.click(By.cssSelector("[data-testid='pim/roles']"));
        WebElement eligible = requesterBrowser.waitFor(By.cssSelector("[data-testid='pim-eligible-" + roleName + "']"));
        assertThat(eligible.getText()).contains("Approval");
        requesterBrowser.click(By.cssSelector("[data-testid='pim-eligible-" + roleName + "'] [data-testid='pim-activate']"));
        requesterBrowser.waitFor(By.cssSelector("[data-testid='pim-activate-dialog']"));
        requesterBrowser.type(By.id("pim-justification"), "Release 4.2 tonight");
        requesterBrowser.type(By.id("pim-otp"), requesterBrowser.freshCode(requester));
        requesterBrowser.click(By.cssSelector("[data-testid='pim-activate-submit']"));
        requesterBrowser.waitUntilGone(By.cssSelector("[data-testid='pim-activate-dialog']"));
        JsonNode pending = realm.pimAdmin("GET", "/requests?userId=" + requester.id() + "&status=PENDING_APPROVAL", null);
        assertThat(pending).hasSize(1);
        String requestId = pending.get(0).path("id").asText();
        assertThat(realm.hasDirectRealmRole(requester, roleName)).isFalse();
        requesterBrowser.screenshot("20-requester-pending");

        // Approver, in a browser session of their own: find and approve it.
        approverBrowser.loginWithPasswordAndOtp(realm.url("/account/"), approver);
        approverBrowser.click(By.cssSelector("[data-testid='pim/approvals']"));
        By row = By.cssSelector("[data-testid='pim-approval-" + requestId + "']");
        assertThat(approverBrowser.waitFor(row).getText()).contains("requester", roleName, "Release 4.2 tonight");
        approverBrowser.waitFor(row).findElement(By.cssSelector("[data-testid='pim-approve']")).click();
        approverBrowser.waitFor(By.cssSelector("[data-testid='pim-decision-dialog']"));
        approverBrowser.type(By.id("pim-reason"), "Release window approved by CAB");
        if (!approverBrowser.isPresent(By.id("pim-decision-otp"))) {
            approverBrowser.click(By.cssSelector("[data-testid='pim-decision-submit']"));
        }
        approverBrowser.type(By.id("pim-decision-otp"), approverBrowser.freshCode(approver));
        approverBrowser.screenshot("21-approver-decides");
        approverBrowser.click(By.cssSelector("[data-testid='pim-decision-submit']"));
        approverBrowser.waitFor(By.cssSelector("[data-testid='pim-no-approvals']"));

        JsonNode decided = realm.pimAdmin("GET", "/requests/" + requestId, null);
        assertThat(decided.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(decided.path("decisions").get(0).path("approver").path("username").asText()).isEqualTo("approver");
        assertThat(decided.path("decisions").get(0).path("reason").asText()).isEqualTo("Release window approved by CAB");
        assertThat(realm.hasDirectRealmRole(requester, roleName)).isTrue();

        // Requester: the role is now active, with its countdown.
        requesterBrowser.driver().navigate().refresh();
        requesterBrowser.click(By.cssSelector("[data-testid='pim/roles']"));
        requesterBrowser.waitFor(By.cssSelector("[data-testid='pim-active-" + roleName + "'] [data-testid='pim-countdown']"));
        requesterBrowser.screenshot("22-requester-active");
    }
}
