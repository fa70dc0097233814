package org.abiguard.libvirt;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.abiguard.AbiguardException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * libvirt's own ABI check ({@code virDomainDefCheckABIStability} and the QEMU driver's) on any two domain XMLs,
 * with no guest running: {@code virDomainSaveImageDefineXML} on a save image written around BASE
 * ({@link SaveImageFile}), with CURRENT as the new XML. libvirt accepts exactly when the guest ABI is the same.
 *
 * <p>Supported URIs: the QEMU driver on this machine ({@code qemu:///system}, {@code qemu:///session},
 * {@code qemu+unix:///...}), since the daemon opens the image by path; it must run as root or as this process's
 * user to read the private work directory. Any other URI, a daemon that does not answer within the timeout, or an
 * XML libvirt cannot parse alone (an emulator or machine type this QEMU lacks) gives {@link AbiVerdict.Outcome#UNJUDGED}
 * with the reason: callers then fall back to the rules. Never throws for libvirt's sake.
 *
 * <p>A refusal is told from a side libvirt cannot take (only the new XML is validated: machine type, emulator) by
 * asking again with each side against itself (up to two more calls, only on a refusal). Every call runs on a worker
 * thread bounded by the timeout; after one timeout the judge answers UNJUDGED at once (a daemon that hung once is not
 * asked again by this instance). Thread-safe.
 */
public final class SaveImageJudge implements AutoCloseable {
    /** Default bound on one libvirt call (connect included): passes, compare, repin, restore. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> LOCAL_SCHEMES = Set.of("qemu", "qemu+unix");

    private final String uri;
    private final SaveImageFile files;
    private final Duration timeout;
    private final ExecutorService calls;
    private final AtomicReference<String> broken = new AtomicReference<>();
    private volatile LibvirtConnection connection;
    private volatile String label;

    private SaveImageJudge(String uri, Path workDir, Duration timeout) {
        this.uri = uri;
        this.files = new SaveImageFile(workDir);
        this.timeout = timeout;
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "abiguard-judge");
            t.setDaemon(true); // a call libvirt never answers must not keep the JVM alive
            return t;
        });
    }

    /** A judge on {@code uri}; connects lazily, on the first question, within the timeout. */
    public static SaveImageJudge open(String uri, Path workDir, Duration timeout) {
        SaveImageJudge judge = new SaveImageJudge(uri, workDir, timeout);
        if (!supports(uri)) {
            judge.broken.set("libvirt at " + uri + " is not the QEMU driver on this machine (its ABI check must read a"
                    + " file written here)");
        }
        return judge;
    }

    /**
     * Where the judge's images go: {@code STATE_DIR/judge} (which the host's libvirtd sees even from a unit with
     * {@code PrivateTmp}), else, for a user who cannot write the state directory, a new private temporary directory.
     */
    public static Path workDir(Path stateDir) {
        Path preferred = stateDir.resolve("judge");
        if (java.nio.file.Files.isWritable(preferred) || java.nio.file.Files.isWritable(stateDir)) {
            return preferred;
        }
        try {
            Path temp = java.nio.file.Files.createTempDirectory("abiguard-judge-"); // 0700
            temp.toFile().deleteOnExit();
            return temp;
        } catch (IOException e) {
            return preferred; // the judge will say it cannot write there, and the rules judge
        }
    }

    /** True for a QEMU-driver URI on this machine, the only kind the judge can ask. */
    public static boolean supports(String uri) {
        try {
            URI parsed = new URI(uri);
            return parsed.getScheme() != null && LOCAL_SCHEMES.contains(parsed.getScheme())
                    && (parsed.getHost() == null || parsed.getHost().isEmpty());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** False once the daemon did not answer (or is not a local QEMU driver): every answer is then UNJUDGED. */
    public boolean answering() {
        return broken.get() == null;
    }

    /** Why the judge answers UNJUDGED to everything, or empty while it is {@link #answering()}. */
    public java.util.Optional<String> notAnsweringBecause() {
        return java.util.Optional.ofNullable(broken.get());
    }

    /** Does libvirt take {@code currentXml} as the same guest ABI as {@code baseXml}? Compare like with like. */
    public AbiVerdict judge(String baseXml, String currentXml) {
        String why = broken.get();
        if (why != null) {
            return AbiVerdict.unjudged(why);
        }
        try {
            NativeLibvirt.Failure failure = ask(baseXml, currentXml);
            if (failure == null) {
                return AbiVerdict.accepted(label);
            }
            if (failure.unsupported()) {
                return AbiVerdict.unjudged("libvirt at " + uri + " cannot judge: " + oneLine(failure.message()));
            }
            NativeLibvirt.Failure current = askAlone(currentXml);
            if (current != null) {
                return AbiVerdict.unjudged("libvirt " + version() + " cannot take the current XML alone: "
                        + oneLine(current.message()));
            }
            NativeLibvirt.Failure base = askAlone(baseXml);
            if (base != null) {
                return AbiVerdict.unjudged("libvirt " + version() + " cannot take the baseline alone: " + oneLine(base.message()));
            }
            return AbiVerdict.refused(label, oneLine(failure.message()));
        } catch (Unanswered e) {
            return AbiVerdict.unjudged(e.getMessage());
        }
    }

    private String version() {
        return label == null ? "" : label.substring("libvirt ".length());
    }

    /**
     * {@code xml} against itself. libvirt answers "no change" without parsing when the new XML is the image's text,
     * so the image carries one more newline: the new XML is then parsed and validated as a definition would be.
     */
    private NativeLibvirt.Failure askAlone(String xml) throws Unanswered {
        return ask(xml + "\n", xml);
    }

    /** One call: null when libvirt accepted, else its error. */
    private NativeLibvirt.Failure ask(String imageXml, String newXml) throws Unanswered {
        return bounded(() -> {
            Path image = files.write(imageXml, newXml);
            try {
                int rc = NativeLibvirt.virt().virDomainSaveImageDefineXML(NativeLibvirt.pointer(connection()),
                        image.toString(), newXml, 0);
                return rc == 0 ? null : NativeLibvirt.lastError();
            } finally {
                files.remove(image);
            }
        });
    }

    private Connect connection() throws LibvirtException {
        if (connection == null) {
            synchronized (this) {
                if (connection == null) {
                    // Read-write: libvirt refuses save-image-define on a read-only connection.
                    LibvirtConnection opened = LibvirtConnection.open(uri);
                    label = "libvirt " + HostFacts.versionString(opened.connect().getLibVersion());
                    connection = opened;
                }
            }
        }
        return connection.connect();
    }

    private interface Call {
        NativeLibvirt.Failure run() throws IOException, LibvirtException;
    }

    private NativeLibvirt.Failure bounded(Call call) throws Unanswered {
        Future<NativeLibvirt.Failure> answer;
        try {
            answer = calls.submit(call::run);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new Unanswered("the judge is closed");
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            String why = "libvirt at " + uri + " did not answer within " + timeout.toMillis() + " ms";
            broken.compareAndSet(null, why);
            throw new Unanswered(why);
        } catch (ExecutionException e) {
            String why = "libvirt at " + uri + " cannot be asked: " + AbiguardException.rootMessage(e.getCause());
            broken.compareAndSet(null, why);
            throw new Unanswered(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted while asking libvirt");
        }
    }

    private static String oneLine(String text) {
        return AbiguardException.oneLine(text);
    }

    /** Why libvirt gave no answer; never leaves this class. */
    private static final class Unanswered extends Exception {
        Unanswered(String why) {
            super(why, null, false, false);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
        LibvirtConnection opened = connection;
        if (opened != null && broken.get() == null) {
            opened.close(); // a hung daemon's connection is left to the process's end: closing it would hang too
        }
    }
}
