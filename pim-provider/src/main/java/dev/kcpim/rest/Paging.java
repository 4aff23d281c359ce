package dev.kcpim.rest;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;

/** The {@code first} and {@code max} query parameters of list endpoints. */
public record Paging(int first, int max) {
    public static final int DEFAULT_MAX = 100;
    public static final int MAX_MAX = 1000;

    public static Paging of(String first, String max) {
        int firstValue = parse("first", first, 0);
        int maxValue = parse("max", max, DEFAULT_MAX);
        if (firstValue < 0) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "first must not be negative");
        }
        if (maxValue < 1 || maxValue > MAX_MAX) {
            throw new PimException(ErrorCode.INVALID_REQUEST, "max must be between 1 and " + MAX_MAX);
        }
        return new Paging(firstValue, maxValue);
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new PimException(ErrorCode.INVALID_REQUEST, name + " must be a whole number");
        }
    }
}
