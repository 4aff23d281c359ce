package dev.kcpim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcpim.it.support.Http;
import dev.kcpim.it.support.TestRealm;
import dev.kcpim.it.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "At most one open request per user and role" holds under concurrent activations. */
class ConcurrencyIT {

    @RegisterExtension
    static final TestRealm realm = new TestRealm();

    @Test
    void twentyConcurrentActivationsGiveExactlyOneRequestAndOneMapping() throws Exception {
        String roleId = realm.createRealmRole("contended");
        realm.putPolicy(roleId, Map.of("requireOtp", false));
        TestUser user = realm.createUser("racer");
        realm.makeEligible(user, roleId);
        String token = user.token();
        Map<String, Object> body = Map.of("roleId", roleId, "justification", "race", "durationSeconds", 600);

        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> responses = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            responses.add(pool.submit(() -> {
                start.await();
                return Http.post(realm.url("/pim/me/requests"), token, body);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Http.Response> response : responses) {
            Http.Response r = response.get();
            statuses.add(r.status());
            if (r.status() != 201) {
                assertThat(r.error()).as(r.toString()).isEqualTo("conflict");
            }
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - 1);
        assertThat(realm.pimAdmin("GET", "/requests?userId=" + user.id(), null)).hasSize(1);
        long mappings = realm.resource().users().get(user.id()).roles().realmLevel().listAll().stream()
                .filter(r -> r.getName().equals("contended")).count();
        assertThat(mappings).isEqualTo(1);
        assertThat(realm.pimAdmin("GET", "/audit?userId=" + user.id() + "&action=ACTIVATED", null)).hasSize(1);
    }
}
