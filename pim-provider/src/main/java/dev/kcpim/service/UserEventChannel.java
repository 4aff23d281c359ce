package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import java.util.Map;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;

/**
 * Self-service changes as Keycloak user events. {@code EventType} is a fixed enum, so PIM uses
 * {@code CUSTOM_REQUIRED_ACTION} with {@code custom_required_action=pim} and the PIM action as details.
 */
public final class UserEventChannel implements EventChannel {
    private final EventBuilder event;

    public UserEventChannel(EventBuilder event) {
        this.event = event;
    }

    @Override
    public void changed(AuditAction action, String userId, String resourcePath, Map<String, Object> details) {
        build(action, userId, details).success();
    }

    @Override
    public void rejected(AuditAction action, String userId, String error, Map<String, Object> details) {
        build(action, userId, details).error("pim_" + error);
    }

    private EventBuilder build(AuditAction action, String userId, Map<String, Object> details) {
        EventBuilder built = event.clone().event(EventType.CUSTOM_REQUIRED_ACTION);
        if (userId != null) {
            built.user(userId);
        }
        built.detail("custom_required_action", "pim")
                .detail("pim_action", action.name());
        details.forEach((key, value) -> {
            if (value != null) {
                built.detail("pim_" + key, String.valueOf(value));
            }
        });
        return built;
    }
}
