package dev.kcpim.it.browser;

import dev.kcpim.it.support.KeycloakServer;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The pim admin console in a {@link BrowserSession}, shared by the admin console's browser tests:
 * selecting the pim admin theme, signing in as the master admin or a realm user, and locators for
 * the Privileged access pages.
 */
final class AdminConsole {

    private final TestRealm realm;
    private final BrowserSession browser;

    AdminConsole(TestRealm realm, BrowserSession browser) {
        this.realm = realm;
        this.browser = browser;
    }

    /** Selects the pim admin theme for master and the test realm (and the pim account theme for the realm); returns master's theme before. */
    static String useThePimThemes(TestRealm realm) {
        RealmResource master = realm.server().admin().realm("master");
        RealmRepresentation masterRep = master.toRepresentation();
        String before = masterRep.getAdminTheme();
        masterRep.setAdminTheme("pim");
        master.update(masterRep);
        RealmRepresentation representation = realm.resource().toRepresentation();
        representation.setAdminTheme("pim");
        representation.setAccountTheme("pim");
        realm.resource().update(representation);
        return before;
    }

    static void restoreTheMasterTheme(TestRealm realm, String theme) {
        RealmResource master = realm.server().admin().realm("master");
        RealmRepresentation masterRep = master.toRepresentation();
        masterRep.setAdminTheme(theme);
        master.update(masterRep);
    }

    /** Grants realm-management client roles to a user directly. */
    static void grantRealmManagement(TestRealm realm, TestUser user, String... roles) {
        String clientId = realm.resource().clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> reps = new ArrayList<>();
        for (String role : roles) {
            reps.add(realm.resource().clients().get(clientId).roles().get(role).toRepresentation());
        }
        realm.resource().users().get(user.id()).roles().clientLevel(clientId).add(reps);
    }

    /** The console of the master realm, on a page of the test realm (how master admins work). */
    String masterConsole(String page) {
        return realm.server().baseUrl() + "/admin/master/console/#/" + realm.name() + "/" + page;
    }

    /** The test realm's own console (how a realm's admins work). */
    String realmConsole(String page) {
        return realm.server().baseUrl() + "/admin/" + realm.name() + "/console/#/" + realm.name() + "/" + page;
    }

    void signInAsMasterAdmin(String page) {
        browser.open(masterConsole(page));
        browser.type(By.id("username"), KeycloakServer.ADMIN_USERNAME);
        browser.type(By.id("password"), KeycloakServer.ADMIN_PASSWORD);
        browser.click(By.id("kc-login"));
    }

    /** Signs in to the test realm's console as a user without OTP. */
    void signInToRealmConsole(TestUser user, String page) {
        browser.open(realmConsole(page));
        browser.type(By.id("username"), user.username());
        browser.type(By.id("password"), user.password());
        browser.click(By.id("kc-login"));
    }

    void waitForPage(String title) {
        browser.waitForText(By.cssSelector("[data-testid='pim-page-title']"), title);
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** A success alert of the console (Keycloak's or the Privileged access pages'). */
    static By alert(String text) {
        return By.xpath("//*[contains(@class,'pf-v5-c-alert__title')][contains(., '" + text + "')]");
    }

    /** The Assignments table row of a user (by the Username column). */
    static By userRow(String username) {
        return By.xpath("//*[@data-testid='pim-row'][.//*[@data-testid='pim-row-username' and text()='" + username + "']]");
    }

    /** The Assignments table row of a group (by its path in the Name column; the Username column is empty). */
    static By groupRow(String path) {
        return By.xpath("//*[@data-testid='pim-row'][td[1][text()='" + path + "']]");
    }

    /** The Requests table row of a user's request for a role. */
    static By requestRow(String username, String roleName) {
        return By.xpath("//*[@data-testid='pim-request-row'][td[1][text()='" + username + "']][.//*[@data-testid='pim-role'][text()='" + roleName + "']]");
    }

    /** The row's kebab (PatternFly's actions column toggle). */
    static By kebab(By row) {
        return By.xpath(xpathOf(row) + "//button[@aria-label='Kebab toggle']");
    }

    /** An item of the open kebab menu. */
    static By menuItem(String label) {
        return By.xpath("//*[contains(@class,'pf-v5-c-menu__list-item')]//button[normalize-space()='" + label + "']");
    }

    private static String xpathOf(By by) {
        String text = by.toString();
        if (!text.startsWith("By.xpath: ")) {
            throw new IllegalArgumentException("an xpath locator is needed: " + by);
        }
        return text.substring("By.xpath: ".length());
    }

    /** The menu items a row's kebab offers (opens it, reads them, closes it again with Escape). */
    List<String> kebabItems(By row) {
        browser.click(kebab(row));
        browser.waitFor(By.cssSelector(".pf-v5-c-menu__list"));
        List<String> items = browser.all(By.cssSelector(".pf-v5-c-menu__list-item button")).stream().map(WebElement::getText).toList();
        browser.click(kebab(row));
        browser.waitUntilGone(By.cssSelector(".pf-v5-c-menu__list"));
        return items;
    }

    /**
     * Sets an {@code <input type="datetime-local">} to the browser-local minute of the epoch millis,
     * the way a user's input reaches React (the native setter, then an input event): typing into such
     * a field depends on the browser's locale and its segment order.
     */
    void setDateTime(By input, long epochMillis) {
        WebElement element = browser.waitFor(input);
        ((JavascriptExecutor) browser.driver()).executeScript(
                "const el = arguments[0], d = new Date(arguments[1]), p = (n) => String(n).padStart(2, '0');"
                        + "const value = d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes());"
                        + "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, value);"
                        + "el.dispatchEvent(new Event('input', { bubbles: true }));",
                element, epochMillis);
    }

    /** A time as the pages show it (formatTime in format.ts: Intl, medium date, short time, in the console's language). */
    String formatTime(long epochMillis, String language) {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "return new Intl.DateTimeFormat(arguments[1], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(arguments[0]));",
                epochMillis, language);
    }

    /**
     * The text of a table row's cell by its column (PatternFly's data-label), its lines joined with
     * a space (a label after a date is a line of its own in getText).
     */
    static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-label='" + column + "']")).getText().replaceAll("\\s*\n\\s*", " ");
    }

    /** An element's text as the DOM has it (getText breaks lines between the items of a flex layout). */
    static String textContent(WebElement element) {
        return element.getAttribute("textContent").trim();
    }

    /** The rows of a CSV document (RFC 4180: quoted cells, doubled quotes, CRLF) as column → value, by its header line. */
    static List<Map<String, String>> csvRows(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                line.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line.add(cell.toString());
                cell.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !line.isEmpty()) {
            line.add(cell.toString());
            lines.add(line);
        }
        List<String> header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> values : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < values.size() ? values.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** Scrolls the element to the middle of the window (for a screenshot of a long form's lower part). */
    void scrollTo(By by) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({ block: 'center' });", browser.waitFor(by));
    }

    /** Epoch millis rounded down to the minute (what a datetime-local input keeps). */
    static long toMinute(long epochMillis) {
        return epochMillis - epochMillis % 60_000;
    }
}
