package dev.kcpim.it.browser;

import static dev.kcpim.it.browser.AdminConsole.testId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RoleRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console offers only grants the API would accept: an admin with manage-users and manage-realm
 * (but not realm-admin) sees realm-admin and a composite holding manage-clients in the wizard's role
 * picker, disabled with the reason, and that composite's settings read-only.
 */
class GrantablePickerIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    private final AdminConsole console = new AdminConsole(realm, browser);
    private static String masterThemeBefore;

    @BeforeAll
    static void useThePimAdminTheme() {
        masterThemeBefore = AdminConsole.useThePimThemes(realm);
    }

    @AfterAll
    static void restoreTheMasterTheme() {
        AdminConsole.restoreTheMasterTheme(realm, masterThemeBefore);
    }

    private static RoleRepresentation realmManagementRole(String name) {
        String clientId = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        return realm.resource().clients().get(clientId).roles().get(name).toRepresentation();
    }

    private TestUser signInAsDelegatedAdmin() {
        TestUser admin = realm.createUser("delegated-admin");
        AdminConsole.grantRealmManagement(realm, admin, "manage-users", "view-users", "manage-realm", "view-realm", "query-users", "query-groups");
        console.signInToRealmConsole(admin, "pim/assignments/add");
        return admin;
    }

    private WebElement roleOption(String label) {
        browser.type(By.cssSelector("[data-testid='pim-role-picker-search'] input"), label);
        return browser.waitFor(By.xpath("//*[@data-testid='pim-role-option-" + label + "']/ancestor-or-self::li[1]"));
    }

    @Test
    void rolesTheAdminMayNotGrantAreShownDisabledWithTheReason() {
        String plainRoleId = realm.createRealmRole("grantable-plain");
        String compositeId = realm.createRealmRole("composite-with-manage-clients");
        realm.resource().rolesById().addComposites(compositeId, List.of(realmManagementRole("manage-clients")));
        realm.putPolicy(compositeId, Map.of("maxActivationSeconds", 1800));
        signInAsDelegatedAdmin();
        console.waitForPage("Add assignments");

        WebElement realmAdmin = roleOption("realm-management realm-admin");
        assertThat(realmAdmin.getText()).contains("You may not grant this role");
        assertThat(realmAdmin.findElement(By.cssSelector("button, a")).getAttribute("disabled")).isNotNull();
        WebElement composite = roleOption("composite-with-manage-clients");
        assertThat(composite.getText()).contains("You may not grant this role");
        browser.screenshot("admin-17-not-grantable");
        WebElement plain = roleOption("grantable-plain");
        assertThat(plain.getText()).doesNotContain("You may not grant this role");
        browser.click(testId("pim-role-option-grantable-plain"));
        browser.waitForText(testId("pim-picked-role"), "grantable-plain");
        assertThat(plainRoleId).isNotBlank();

        browser.open(console.realmConsole("pim/roles/" + compositeId));
        browser.waitFor(testId("pim-policy-not-grantable"));
        assertThat(browser.waitFor(By.id("pim-maxActivationSeconds")).isEnabled()).isFalse();
        assertThat(browser.isPresent(testId("pim-policy-save"))).isFalse();
    }
}
