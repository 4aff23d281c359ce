package dev.kcpim.expiry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The expiry task's small bounded pool: each batch runs on one of its threads, in a transaction (and
 * a database connection) of its own. One thread runs batches in the caller's thread.
 */
public final class ExpiryWorkers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    private ExpiryWorkers(int threads) {
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, run -> {
            Thread thread = new Thread(run, "pim-expiry-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static ExpiryWorkers of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        return new ExpiryWorkers(threads);
    }

    public int threads() {
        return threads;
    }

    /** Runs the jobs, waits for all of them, and returns their results in order; the first failure is rethrown once all ended. */
    <T> List<T> runAll(List<Callable<T>> jobs) {
        List<T> results = new ArrayList<>();
        if (pool == null || jobs.size() == 1) {
            for (Callable<T> job : jobs) {
                results.add(call(job));
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> job : jobs) {
            futures.add(pool.submit(job));
        }
        RuntimeException failure = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static <T> T call(Callable<T> job) {
        try {
            return job.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
