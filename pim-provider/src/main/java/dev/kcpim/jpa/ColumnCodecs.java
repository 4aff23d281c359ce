package dev.kcpim.jpa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcpim.domain.Approvers;
import java.util.List;
import java.util.Map;

/**
 * How PIM's JSON columns are written: PIM_POLICY.APPROVERS and PIM_AUDIT.DETAILS. A storage format,
 * kept apart from the API's JSON so that changing one never changes the other.
 */
public final class ColumnCodecs {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** PIM_POLICY.APPROVERS: {@code {"users": [ids], "groups": [ids], "roles": [ids]}}. */
    private record StoredApprovers(List<String> users, List<String> groups, List<String> roles) {
    }

    private ColumnCodecs() {
    }

    public static String writeApprovers(Approvers approvers) {
        return write(new StoredApprovers(List.copyOf(approvers.users()), List.copyOf(approvers.groups()), List.copyOf(approvers.roles())));
    }

    public static Approvers readApprovers(String column) {
        try {
            StoredApprovers stored = JSON.readValue(column, StoredApprovers.class);
            return new Approvers(nullToEmpty(stored.users()), nullToEmpty(stored.groups()), nullToEmpty(stored.roles()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PIM_POLICY.APPROVERS is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** PIM_AUDIT.DETAILS: the details as a JSON object, or {@code {"truncated": "..."}} when longer than the column. */
    public static String writeDetails(Map<String, Object> details, int maxLength) {
        String json = write(details);
        return json.length() > maxLength ? write(Map.of("truncated", json.substring(0, maxLength - 100))) : json;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    private static List<String> nullToEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
