package dev.kcpim.rest;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.keycloak.services.ErrorResponseException;

/** Turns domain outcomes into HTTP: JSON bodies, and the contract's error body for every rejection. */
public final class Rest {
    private Rest() {
    }

    /** Runs an endpoint body; a {@link PimException} becomes the contract's error response and rolls the transaction back. */
    public static Response run(Supplier<Response> body) {
        try {
            return body.get();
        } catch (PimException e) {
            throw error(e.errorCode(), e.description());
        }
    }

    public static ErrorResponseException error(ErrorCode code, String description) {
        return new ErrorResponseException(code.code(), description, Response.Status.fromStatusCode(code.status()));
    }

    /** 405 with the contract's error body and a hint at the method that does what the caller wants. */
    public static ErrorResponseException methodNotAllowed(String hint, String... allowed) {
        Response response = Response.status(Response.Status.METHOD_NOT_ALLOWED)
                .header("Allow", String.join(", ", allowed))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.write(java.util.Map.of("error", ErrorCode.INVALID_REQUEST.code(), "error_description", hint)))
                .build();
        return new ErrorResponseException(response);
    }

    public static ErrorResponseException unauthorized(String realmName, String description) {
        Response response = Response.status(Response.Status.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer realm=\"" + realmName + "\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.write(java.util.Map.of("error", "unauthorized", "error_description", description)))
                .build();
        return new ErrorResponseException(response);
    }

    public static Response ok(Object entity) {
        return Response.ok(Json.write(entity), MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
    }

    /** A list as JSON, or as CSV when the client asks for {@code text/csv}. */
    public static <T extends Record> Response list(java.util.List<T> items, Class<T> itemType, jakarta.ws.rs.core.HttpHeaders headers) {
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("csv"));
        if (csv) {
            return Response.ok(Csv.write(items, itemType), new MediaType("text", "csv", "utf-8")).build();
        }
        return ok(items);
    }

    /** 201 with the created resource and its Location (kcadm.sh create reads the id from it). */
    public static Response created(Object entity, java.net.URI location) {
        return Response.created(location).entity(Json.write(entity))
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
    }

    public static Response noContent() {
        return Response.noContent().build();
    }
}
