package org.abiguard.archive;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Points inside a pass where fault tests act: {@code beforeFetch} sees each listed domain between
 * listing and reading (where a domain can vanish); {@code beforeCommit} runs inside the pass's
 * transaction after its writes, before the commit (where a SIGTERM or a crash must roll back).
 * Production passes use {@link #NONE}.
 */
public record PassHooks(Consumer<String> beforeFetch, Runnable beforeCommit) {
    public static final PassHooks NONE = new PassHooks(name -> { }, () -> { });

    public static PassHooks beforeFetch(Consumer<String> hook) {
        return new PassHooks(hook, () -> { });
    }

    /** Holds every pass's transaction open for {@code delay} before committing. */
    public static PassHooks delayBeforeCommit(Duration delay) {
        return delay.isZero() ? NONE : new PassHooks(name -> { }, () -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("pass interrupted before commit; rolled back", e);
            }
        });
    }
}
