package org.abiguard.schedule;

import java.time.Duration;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to libvirt's domain lifecycle events (defined — including {@code attach-device --config},
 * undefined, started, stopped, ...) on one URI and calls {@code onChange} for each; keepalive detects
 * a dead libvirtd, and the listener reconnects every {@link #RETRY} until it answers again, then calls
 * {@code onChange} once to catch what happened meanwhile. Runs libvirt's event loop on its own thread
 * (libvirt requires {@code virEventRegisterDefaultImpl} before the connection opens).
 */
final class LibvirtEvents implements AutoCloseable {
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(LibvirtEvents.class);
    private static boolean loopStarted;

    private final String uri;
    private final Runnable onChange;
    private final Thread supervisor;
    private volatile boolean stopping;
    private volatile Connect connect;
    private final LifecycleListener listener;

    LibvirtEvents(String uri, Runnable onChange) {
        this.uri = uri;
        this.onChange = onChange;
        this.listener = (domain, event) -> {
            if (!stopping && event.getType() != DomainEventType.UNKNOWN) {
                this.onChange.run();
            }
            return 0;
        };
        this.supervisor = new Thread(this::supervise, "abiguard-libvirt-events");
        this.supervisor.setDaemon(true);
    }

    void start() throws LibvirtException {
        startEventLoop();
        supervisor.start();
    }

    private static synchronized void startEventLoop() throws LibvirtException {
        if (loopStarted) {
            return;
        }
        Library.initEventLoop();
        Thread loop = new Thread(() -> {
            try {
                Library.runEventLoop();
            } catch (LibvirtException | InterruptedException e) {
                log.error("libvirt event loop stopped: {}", e.getMessage());
            }
        }, "libvirt-event-loop");
        loop.setDaemon(true);
        loop.start();
        loopStarted = true;
    }

    /** Keeps one live connection with the lifecycle listener registered; reconnects when it dies. */
    private void supervise() {
        boolean first = true;
        while (!stopping) {
            Connect c = null;
            try {
                c = new Connect(uri, false);
                c.setKeepAlive(2, 2);
                c.addLifecycleListener(listener);
                connect = c;
                if (!first) {
                    log.info("reconnected to libvirt at {}; archiving what changed meanwhile", uri);
                    onChange.run();
                }
                first = false;
                while (!stopping && c.isAlive()) {
                    Thread.sleep(RETRY.toMillis() / 2);
                }
                if (!stopping) {
                    log.warn("lost the libvirt connection at {}; reconnecting every {} s", uri, RETRY.toSeconds());
                }
            } catch (LibvirtException e) {
                sleepQuietly(RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (c != null) {
                    release(c);
                }
            }
        }
    }

    /**
     * Deregisters the listener before closing: libvirt-java's callback dereferences the connection, and
     * an event delivered after close() would otherwise fail in the event-loop thread.
     */
    private void release(Connect c) {
        try {
            c.removeLifecycleListener(listener);
        } catch (LibvirtException e) {
            // a dead connection cannot deregister remotely; close() drops the local registration
        }
        try {
            c.close();
        } catch (LibvirtException e) {
            // already gone
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopping = true;
        supervisor.interrupt();
        try {
            supervisor.join(RETRY.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
