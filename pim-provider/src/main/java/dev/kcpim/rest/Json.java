package dev.kcpim.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;

/**
 * The one JSON mapper of the PIM API: nulls are written (the contract shows them), unknown request
 * fields are ignored, and a body that does not parse is an {@code invalid_request}.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

    private Json() {
    }

    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "a JSON request body is required");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new PimException(ErrorCode.INVALID_REQUEST, "a JSON object is required");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "malformed request body: " + e.getOriginalMessage());
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }
}
