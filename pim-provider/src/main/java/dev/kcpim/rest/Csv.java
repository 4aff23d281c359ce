package dev.kcpim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code text/csv} for list endpoints: one row per item, nested objects flattened to dotted column
 * names, arrays kept as JSON. Cells that a spreadsheet would run as a formula are prefixed with an
 * apostrophe.
 */
public final class Csv {
    private Csv() {
    }

    /** The rows of {@code items}; the header comes from the record type, so an empty list still has one. */
    public static String write(List<?> items, Class<? extends Record> type) {
        List<Map<String, String>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        addColumns("", type, columns);
        for (Object item : items) {
            Map<String, String> row = new LinkedHashMap<>();
            flatten("", Json.MAPPER.valueToTree(item), row);
            columns.addAll(row.keySet());
            rows.add(row);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(Csv::cell).toList())).append("\r\n");
        for (Map<String, String> row : rows) {
            out.append(String.join(",", columns.stream().map(c -> cell(row.getOrDefault(c, ""))).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static void addColumns(String prefix, Class<?> type, Set<String> columns) {
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            String name = prefix.isEmpty() ? component.getName() : prefix + "." + component.getName();
            if (component.getType().isRecord()) {
                addColumns(name, component.getType(), columns);
            } else {
                columns.add(name);
            }
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), row));
        } else if (node.isArray()) {
            row.put(prefix, node.toString());
        } else if (node.isNull() || node.isMissingNode()) {
            row.put(prefix, "");
        } else {
            row.put(prefix, node.asText());
        }
    }

    private static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !isNumber(text)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static boolean isNumber(String text) {
        return text.matches("-?\\d+(\\.\\d+)?");
    }
}
