package dev.kcpim.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
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

    @BeforeAll
    static void useThePimAdminTheme() {
        RealmRepresentation representation = realm.resource().toRepresentation();
        representation.setAdminTheme("pim");
        realm.resource().update(representation);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static RoleRepresentation realmManagementRole(String name) {
        String clientId = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        return realm.resource().clients().get(clientId).roles().get(name).toRepresentation();
    }

    private TestUser signInAsDelegatedAdmin() {
        TestUser admin = realm.createUser("delegated-admin");
        String clientId = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> roles = new ArrayList<>();
        for (String role : List.of("manage-users", "view-users", "manage-realm", "view-realm", "query-users", "query-groups")) {
            roles.add(realmManagementRole(role));
        }
        realm.resource().users().get(admin.id()).roles().clientLevel(clientId).add(roles);
        browser.open(realm.server().baseUrl() + "/admin/" + realm.name() + "/console/#/" + realm.name() + "/pim/assignments/add");
        browser.type(By.id("username"), admin.username());
        browser.type(By.id("password"), admin.password());
        browser.click(By.id("kc-login"));
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
        realm.putPolicy(compositeId, java.util.Map.of("maxActivationSeconds", 1800));
        signInAsDelegatedAdmin();
        browser.waitForText(testId("pim-page-title"), "Add assignments");

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

        browser.open(realm.server().baseUrl() + "/admin/" + realm.name() + "/console/#/" + realm.name() + "/pim/roles/" + compositeId);
        browser.waitFor(testId("pim-policy-not-grantable"));
        assertThat(browser.waitFor(By.id("pim-maxActivationSeconds")).isEnabled()).isFalse();
        assertThat(browser.isPresent(testId("pim-policy-save"))).isFalse();
    }
}
