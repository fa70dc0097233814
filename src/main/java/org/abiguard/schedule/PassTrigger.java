package org.abiguard.schedule;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces requests for a pass: the first request schedules one run after the debounce delay; requests
 * arriving before it starts join it, requests during it schedule one more. Runs on one thread, so
 * event-triggered passes never overlap each other. Thread-safe.
 */
final class PassTrigger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PassTrigger.class);

    private final java.util.concurrent.ScheduledThreadPoolExecutor executor = newExecutor();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable pass;
    private final Duration debounce;

    /** One thread; a pass still waiting for its debounce delay is cancelled by shutdown, not run. */
    private static java.util.concurrent.ScheduledThreadPoolExecutor newExecutor() {
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "abiguard-event-pass");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    PassTrigger(Runnable pass, Duration debounce) {
        this.pass = pass;
        this.debounce = debounce;
    }

    void request() {
        if (scheduled.compareAndSet(false, true)) {
            executor.schedule(this::runOnce, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void runOnce() {
        scheduled.set(false);
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.error("event-triggered pass failed: {}", e.getMessage());
        }
    }

    /** Lets a running pass finish (up to {@code wait}); pending ones are dropped, the timer catches up. */
    void close(Duration wait) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
