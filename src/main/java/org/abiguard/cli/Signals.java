package org.abiguard.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end abiguard in order, not by the JVM's shutdown: the first signal runs the stop
 * action a command registered (the daemon: stop listening, let the in-flight pass commit, stop the
 * embedded database, exit 0) or, for a one-shot command, lets it finish its pass and exit normally. A
 * second signal exits at once with 128 + the signal number. Handling the signal (instead of a shutdown
 * hook) is what keeps the embedded PostgreSQL's own hook from stopping it under a committing pass.
 * Thread-safe; installed once per process by {@link Main#main}.
 */
final class Signals {
    private static final AtomicReference<Runnable> STOP = new AtomicReference<>();
    private static final AtomicInteger RECEIVED = new AtomicInteger();

    private Signals() {
    }

    static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), Signals::received);
        }
    }

    /** {@code action} runs on the first SIGTERM/SIGINT, on the signal dispatcher thread. */
    static void onStop(Runnable action) {
        STOP.set(action);
    }

    private static void received(Signal signal) {
        if (RECEIVED.incrementAndGet() > 1) {
            System.exit(128 + signal.getNumber());
        }
        Runnable action = STOP.get();
        if (action != null) {
            action.run();
        } else {
            System.err.println("abiguard: SIG" + signal.getName() + " received: finishing the current step, then "
                    + "exiting (send it again to exit at once)");
        }
    }
}
