package dev.kcpim.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

final class Enums {

    private Enums() {
    }

    /** Exact, case-sensitive match on the constant name; the field name goes into the error text. */
    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        String problem = value == null ? field + " is required" : "unknown " + field;
        throw new PimException(ErrorCode.INVALID_REQUEST, problem + "; expected one of: " + allowed);
    }
}
