package org.abiguard.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the daemon runs.
 *
 * @param auditInterval       per-host audit (snapshot + drift + report), first run at start; default 15 min
 * @param heartbeatInterval   heartbeat row update; default 60 s
 * @param retainLive          live versions superseded longer ago than this are pruned; default 90 days
 * @param fleetJobInterval    fleet-wide jobs (retention, fleet report), once per fleet; default 1 h
 * @param events              listen to libvirt events and archive changes within seconds
 * @param metricsFile         node_exporter textfile written after each audit
 * @param passDelay           fault tests only: hold each pass's transaction open this long
 */
public record DaemonSettings(Duration auditInterval, Duration heartbeatInterval, Duration retainLive,
                             Duration fleetJobInterval, boolean events, Optional<Path> metricsFile,
                             Duration passDelay) {
    /** Debounce of event-triggered passes: a burst of events (define, then start) makes one pass. */
    public static final Duration EVENT_DEBOUNCE = Duration.ofMillis(300);
}
