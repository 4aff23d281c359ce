package dev.kcpim.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.keycloak.representations.idm.RoleRepresentation;

/** Reading and checking the JSON the PIM API answers with. */
public final class JsonNodes {
    private JsonNodes() {
    }

    public static JsonNode find(JsonNode array, Predicate<JsonNode> match) {
        for (JsonNode item : array) {
            if (match.test(item)) {
                return item;
            }
        }
        return fail("no matching item in " + array);
    }

    public static String id(JsonNode node) {
        String id = node.path("id").asText(null);
        assertThat(id).as("id of " + node).isNotBlank();
        return id;
    }

    public static List<String> ids(JsonNode array) {
        return texts(array, "id");
    }

    public static List<String> texts(JsonNode array, String field) {
        assertThat(array.isArray()).as("a JSON array: " + array).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    public static List<Long> longs(JsonNode array, String field) {
        List<Long> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asLong()));
        return values;
    }

    /** A role as the API shows it: id, name, clientId (null for a realm role) and description. */
    public static void assertRole(JsonNode role, RoleRepresentation expected, String clientId) {
        assertThat(role.path("id").asText()).as("role.id").isEqualTo(expected.getId());
        assertThat(role.path("name").asText()).as("role.name").isEqualTo(expected.getName());
        if (clientId == null) {
            assertNullField(role, "clientId");
        } else {
            assertThat(role.path("clientId").asText()).as("role.clientId").isEqualTo(clientId);
        }
        assertThat(role.path("description").asText()).as("role.description").isEqualTo(expected.getDescription());
    }

    public static void assertPrincipal(JsonNode principal, String type, String id, String name) {
        assertThat(principal.path("type").asText()).as("principal.type").isEqualTo(type);
        assertThat(principal.path("id").asText()).as("principal.id").isEqualTo(id);
        assertThat(principal.path("name").asText()).as("principal.name").isEqualTo(name);
    }

    /** The field is present and JSON null. */
    public static void assertNullField(JsonNode node, String field) {
        assertThat(node.has(field)).as(field + " present in " + node).isTrue();
        assertThat(node.get(field).isNull()).as(field + " is null in " + node).isTrue();
    }
}
