package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import java.util.Map;

/**
 * Where an audited change is also published as a Keycloak event, so that it shows in the admin
 * console's Events: user events for self-service, admin events for the admin API.
 */
public interface EventChannel {

    EventChannel NONE = new EventChannel() {
        @Override
        public void changed(AuditAction action, String userId, String resourcePath, Map<String, Object> details) {
        }

        @Override
        public void rejected(AuditAction action, String userId, String error, Map<String, Object> details) {
        }
    };

    /** A change that commits with the current transaction. */
    void changed(AuditAction action, String userId, String resourcePath, Map<String, Object> details);

    /** A rejected attempt; published even though the transaction rolls back. */
    void rejected(AuditAction action, String userId, String error, Map<String, Object> details);
}
