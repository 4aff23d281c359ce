package dev.kcpim.it.support;

/** Polling and pausing for tests that wait on the server's clock. */
public final class Waits {
    private Waits() {
    }

    public interface Condition {
        boolean holds();
    }

    /** Polls until the condition holds; returns the wall-clock millis when it was first seen. */
    public static long waitUntil(Condition condition, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.holds()) {
                return System.currentTimeMillis();
            }
            sleep(100);
        }
        throw new AssertionError("condition not met within " + timeoutMillis + " ms");
    }

    public static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
