package dev.kcpim.it.browser;

import dev.kcpim.it.support.TestRealm;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The pim themes for a test class: the master realm's admin theme and the test realm's admin and
 * account themes before its tests, the master realm's admin theme restored after them. Register it
 * with {@code @Order(PimThemes.AFTER_THE_REALM)}: extensions without an order (the {@link TestRealm})
 * get Integer.MAX_VALUE / 2, so the realm exists before and still exists after this one runs.
 */
final class PimThemes implements BeforeAllCallback, AfterAllCallback {

    static final int AFTER_THE_REALM = Integer.MAX_VALUE;

    private final TestRealm realm;
    private String masterThemeBefore;

    PimThemes(TestRealm realm) {
        this.realm = realm;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        masterThemeBefore = AdminConsole.useThePimThemes(realm);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        AdminConsole.restoreTheMasterTheme(realm, masterThemeBefore);
    }
}
