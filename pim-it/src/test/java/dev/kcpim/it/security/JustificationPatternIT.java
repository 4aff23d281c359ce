package dev.kcpim.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Admin-supplied justification patterns run on RE2/J: linear time, and patterns RE2 cannot compile are refused. */
class JustificationPatternIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @Test
    void aCatastrophicPatternAnswersWithinASecond() {
        String roleId = realm.createRealmRole("redos-role");
        realm.putPolicy(roleId, Map.of("requireOtp", false, "justificationPattern", "(.*a){10}"));
        TestUser user = realm.createUser("redos-user");
        realm.makeEligible(user, roleId);
        String token = user.token();

        long started = System.nanoTime();
        Http.Response response = Http.post(realm.url("/pim/me/requests"), token,
                Map.of("roleId", roleId, "justification", "a".repeat(39) + "b"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("justification_invalid");
        assertThat(tookMillis).as("answered in %d ms", tookMillis).isLessThan(1_000);
        assertThat(Http.post(realm.url("/pim/me/requests"), token, Map.of("roleId", roleId, "justification", "a".repeat(10))).status())
                .isEqualTo(201);
    }

    @Test
    void patternsRe2CannotCompileAre400AndNotStored() {
        String roleId = realm.createRealmRole("re2-role");
        realm.putPolicy(roleId, Map.of("justificationPattern", "INC-[0-9]+"));
        for (String unsupported : new String[]{"(a)\\1", "(?=INC)INC-[0-9]+", "INC-[0-9"}) {
            Http.Response response = Http.put(realm.adminUrl("/pim/policies/" + roleId), realm.server().adminToken(),
                    Map.of("justificationPattern", unsupported));
            assertThat(response.status()).as(unsupported + " -> " + response).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid_request");
            assertThat(response.json().path("error_description").asText()).contains("RE2");
        }
        assertThat(realm.pimAdmin("GET", "/policies/" + roleId, null).path("justificationPattern").asText()).isEqualTo("INC-[0-9]+");
    }
}
