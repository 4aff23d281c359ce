package dev.kcpim.events;

import dev.kcpim.domain.RequestStatus;
import dev.kcpim.expiry.ExpiryService;
import dev.kcpim.service.ElevationCache.Elevation;
import dev.kcpim.service.LoginRecords;
import dev.kcpim.token.TokenGuard;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** On the user events that hand out tokens, ends that user's overdue elevations at once; a LOGIN is also recorded for the STALE_ACCOUNT alert. */
public class PimEventListenerProvider implements EventListenerProvider {

    static final Set<EventType> TOKEN_EVENTS = Set.of(EventType.LOGIN, EventType.CODE_TO_TOKEN, EventType.REFRESH_TOKEN,
            EventType.TOKEN_EXCHANGE);

    private final KeycloakSession session;

    public PimEventListenerProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getUserId() == null || !TOKEN_EVENTS.contains(event.getType())) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user != null) {
            long now = Time.currentTimeMillis();
            if (event.getType() == EventType.LOGIN) {
                LoginRecords.loggedIn(session, realm, user.getId(), now);
            }
            List<String> overdue = TokenGuard.elevationsOf(session, realm, user, now).ended().stream()
                    .filter(e -> e.status() == RequestStatus.ACTIVE && e.endsAt() <= now).map(Elevation::id).toList();
            if (!overdue.isEmpty()) {
                ExpiryService.endOverdue(session, realm, overdue, Instant.ofEpochMilli(now));
            }
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        AdminEventHandler.handle(session, event);
    }

    @Override
    public void close() {
    }
}
