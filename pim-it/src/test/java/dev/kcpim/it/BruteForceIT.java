package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.Waits;
import dev.kcpim.it.support.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failed OTP step-ups count toward Keycloak's brute-force protection, and a locked-out user cannot activate. */
class BruteForceIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm().bruteForceProtected(3);

    @Test
    void wrongCodesLockTheUserOutAndThenEvenAValidCodeIsLockedOut() {
        String roleId = realm.createRealmRole("guarded");
        TestUser user = realm.createUser("guessing", "guessing-secret-1234");
        realm.makeEligible(user, roleId);
        String token = user.token();
        Map<String, Object> wrong = Map.of("roleId", roleId, "justification", "x", "otp", "000000".equals(user.otpNow()) ? "111111" : "000000");

        for (int i = 0; i < 3; i++) {
            Http.Response response = Http.post(realm.url("/pim/me/requests"), token, wrong);
            assertThat(response.error()).isIn("invalid_otp", "locked_out");
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Boolean.TRUE.equals(realm.resource().attackDetection().bruteForceUserStatus(user.id()).get("disabled"))
                && System.currentTimeMillis() < deadline) {
            Waits.sleep(200);
        }

        Http.Response valid = Http.post(realm.url("/pim/me/requests"), token, Map.of("roleId", roleId, "justification", "x", "otp", user.otpNow()));

        assertThat(valid.status()).isEqualTo(403);
        assertThat(valid.error()).isEqualTo("locked_out");
        assertThat(realm.hasDirectRealmRole(user, "guarded")).isFalse();
        assertThat(realm.pimAdmin("GET", "/requests?userId=" + user.id(), null)).isEmpty();
    }
}
