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
 * (libvirt requires {@code virEventRegisterDefaultImpl} before the connection opens); that thread restarts
 * the loop after any failure. Native lifetimes: libvirt holds C pointers to the JNA callbacks libvirt-java
 * creates for each registration, and libvirt-java 0.5.2 drops its only reference before deregistering
 * (so a failed deregistration left a callback libvirt could still call, freed by the next GC). Every such
 * callback is pinned in {@link #PINNED} for the life of the process (one per connection made; a few
 * hundred bytes each), and the listener ignores events once stopping. Thread-safe.
 */
final class LibvirtEvents implements AutoCloseable {
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(LibvirtEvents.class);
    private static boolean loopStarted;
    /** JNA callbacks libvirt may still call: never released (see the class comment). */
    private static final java.util.List<Object> PINNED = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

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
        if (REGISTRATIONS == null) {
            throw new IllegalStateException("libvirt-java is not 0.5.2: its event callbacks cannot be pinned, so the"
                    + " listener does not start (run with --no-events)");
        }
        startEventLoop();
        supervisor.start();
    }

    private static synchronized void startEventLoop() throws LibvirtException {
        if (loopStarted) {
            return;
        }
        Library.initEventLoop();
        Thread loop = new Thread(() -> {
            while (true) {
                try {
                    Library.runEventLoop();
                } catch (InterruptedException e) {
                    log.info("libvirt event loop interrupted; running it again");
                } catch (LibvirtException | RuntimeException e) {
                    log.error("libvirt event loop failed ({}); running it again", e.getMessage());
                    sleepQuietly(Duration.ofMillis(100));
                }
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
                c = new Connect(uri, true); // events need no write access
                c.setKeepAlive(2, 2);
                c.addLifecycleListener(listener);
                pinCallbacks(c);
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
            log.debug("could not deregister the lifecycle listener at {} ({}); its callback stays pinned", uri,
                    e.getMessage());
        }
        try {
            int references = c.close();
            if (references > 0) {
                log.debug("libvirt still holds {} reference(s) to the closed connection at {}", references, uri);
            }
        } catch (LibvirtException e) {
            log.debug("closing the libvirt connection at {}: {}", uri, e.getMessage());
        }
    }

    /**
     * libvirt-java 0.5.2's per-connection registrations ({@code Connect.eventListeners}), looked up once; null
     * when the library's layout differs, which {@link #start()} refuses rather than run with unpinned callbacks.
     */
    private static final java.lang.reflect.Field REGISTRATIONS = registrationsField();

    private static java.lang.reflect.Field registrationsField() {
        try {
            java.lang.reflect.Field field = Connect.class.getDeclaredField("eventListeners");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Adds the JNA callbacks libvirt-java registered on {@code c} to {@link #PINNED}. */
    private static void pinCallbacks(Connect c) {
        try {
            for (Object map : (Object[]) REGISTRATIONS.get(c)) {
                if (map instanceof java.util.Map<?, ?> registered) {
                    PINNED.addAll(registered.values());
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read libvirt-java's event registrations", e);
        }
    }

    /** How many native callbacks are pinned, for tests. */
    static int pinnedCallbacks() {
        return PINNED.size();
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
            supervisor.join(Duration.ofSeconds(30).toMillis()); // a libvirt call in flight may take its keepalive timeout
            if (supervisor.isAlive()) {
                log.warn("the libvirt event listener for {} did not stop within 30 s; it stops when its call returns", uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
