package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** Admin API changes as Keycloak admin events with resource types {@code PIM_POLICY}, {@code PIM_SETTINGS}, {@code PIM_ALERT}, {@code PIM_RENEWAL}, {@code PIM_ELIGIBILITY}, {@code PIM_REQUEST}. */
public final class AdminEventChannel implements EventChannel {
    private final AdminEventBuilder adminEvent;

    public AdminEventChannel(AdminEventBuilder adminEvent) {
        this.adminEvent = adminEvent;
    }

    @Override
    public void changed(AuditAction action, String userId, String resourcePath, Map<String, Object> details) {
        adminEvent.operation(operationOf(action))
                .resource(resourceTypeOf(action))
                .resourcePath(resourcePath)
                .representation(details)
                .success();
    }

    @Override
    public void rejected(AuditAction action, String userId, String error, Map<String, Object> details) {
        // Keycloak has no error admin events; the rejection stays in the PIM audit only.
    }

    private static OperationType operationOf(AuditAction action) {
        return switch (action) {
            case ELIGIBILITY_CREATED, ASSIGNMENT_CREATED -> OperationType.CREATE;
            case ELIGIBILITY_DELETED, POLICY_DELETED -> OperationType.DELETE;
            case POLICY_UPDATED, SETTINGS_UPDATED -> OperationType.UPDATE;
            default -> OperationType.ACTION;
        };
    }

    private static String resourceTypeOf(AuditAction action) {
        return switch (action) {
            case POLICY_UPDATED, POLICY_DELETED -> "PIM_POLICY";
            case SETTINGS_UPDATED -> "PIM_SETTINGS";
            case STANDING_ACCESS_REMEDIATED -> "PIM_ALERT";
            case RENEWAL_DECIDED -> "PIM_RENEWAL";
            case ELIGIBILITY_CREATED, ELIGIBILITY_DELETED -> "PIM_ELIGIBILITY";
            default -> "PIM_REQUEST";
        };
    }
}
