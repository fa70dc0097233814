package org.abiguard.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.abiguard.AbiguardException;
import org.abiguard.config.Config;
import org.abiguard.config.ConfigResolver;
import org.abiguard.config.ConfigSources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code abiguard} command: global options (each also an environment variable and a config-file
 * key; flag &gt; env &gt; file &gt; default) and one subcommand class per verb. Exit codes are mapped here
 * and only here: {@link ExitException} carries its own, {@link AbiguardException} is 2 with its
 * one-line message, anything else is 2 with "internal error" (stack trace with --stacktrace).
 */
@Command(name = "abiguard", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keeps the guest ABI of libvirt/KVM virtual machines stable: archives every domain's XML, "
                + "detects guest-visible drift, restores archived definitions for evacuation.",
        subcommands = {MigrateCommand.class, SnapshotCommand.class, DriftCommand.class, CompareCommand.class,
                AcceptCommand.class, ReportCommand.class, AuditCommand.class, HistoryCommand.class, ShowCommand.class,
                DemoCommand.class, DaemonCommand.class, RestoreCommand.class,
                HostCommand.class, GateCommand.class, HookCommand.class, RepinCommand.class, DbCommand.class, PreflightCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 guest-visible drift (drift --exit-code, compare), 2 error."})
public final class Main implements Runnable {
    @Option(names = "--db-url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL (env ABIGUARD_DB_URL). Default: an embedded PostgreSQL under the state directory.")
    String dbUrl;

    @Option(names = "--db-user", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "Database user (env ABIGUARD_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD", interactive = false,
            description = "Database password (env ABIGUARD_DB_PASSWORD). Visible in ps: prefer --db-password-file.")
    String dbPassword;

    @Option(names = "--db-password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "File whose first line is the database password (env ABIGUARD_DB_PASSWORD_FILE). Without "
                    + "any password option, the systemd credential db-password (LoadCredential=) is used if present.")
    String dbPasswordFile;

    @Option(names = "--require-tls", scope = ScopeType.INHERIT,
            description = "Refuse a database URL naming another machine unless it has sslmode=verify-full (env "
                    + "ABIGUARD_REQUIRE_TLS=true). Without it, such a URL draws a warning.")
    boolean requireTls;

    @Option(names = "--libvirt-uri", scope = ScopeType.INHERIT, paramLabel = "URI",
            description = "libvirt URI to archive, repeatable (env ABIGUARD_LIBVIRT_URI, comma-separated). Default: qemu:///system.")
    List<String> libvirtUris;

    @Option(names = "--host-name", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Name of this host in the archive (env ABIGUARD_HOST). Default: the machine's host name.")
    String hostName;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file, key=value with the long option names as keys (env ABIGUARD_CONFIG). "
                    + "Default: /etc/abiguard/abiguard.conf if present.")
    String configFile;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Local state: embedded database, reports (env ABIGUARD_STATE_DIR). Default: /var/lib/abiguard.")
    String stateDir;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean stacktrace;

    private final Map<String, String> env;
    private final InputStream in;
    private Config config;

    /** The process's environment and stdin; what picocli's man page and completion generators instantiate. */
    public Main() {
        this(System.getenv(), System.in);
    }

    public Main(Map<String, String> env, InputStream in) {
        this.env = Map.copyOf(env);
        this.in = in;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hook") && !java.util.List.of(args).contains("--help")
                && !java.util.List.of(args).contains("-h")) {
            // The libvirt hook sits in every guest start: no command tree, no signal handlers, no locale.
            System.exit(HookCommand.runDirect(java.util.Arrays.copyOfRange(args, 1, args.length), System.in, System.err));
        }
        // Output is for scripts and people reading English: numbers with '.', never the host locale's ','.
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        Signals.install();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                System.in));
    }

    /** Runs one command line; what it prints goes to {@code out} (results) and {@code err} (diagnostics). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return run(args, out, err, env, InputStream.nullInputStream());
    }

    /** As above, answering prompts from {@code in} (end of input answers "no"). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, InputStream in) {
        Main main = new Main(env, in);
        CommandLine commandLine = new CommandLine(main);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> handle(e, main, cl.getErr()));
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int handle(Exception e, Main main, PrintWriter err) {
        if (e instanceof ExitException exit) {
            if (exit.getMessage() != null && !exit.getMessage().isEmpty()) {
                err.println("abiguard: " + org.abiguard.PrintableText.of(exit.getMessage())); // names from the archive
            }
            printTrace(e, main, err);
            return exit.exitCode();
        }
        if (e instanceof AbiguardException) {
            err.println("abiguard: " + org.abiguard.PrintableText.of(e.getMessage()));
        } else if (e instanceof org.jdbi.v3.core.JdbiException) {
            // The database refused or lost us mid-command; the transaction was rolled back.
            err.println("abiguard: database error, nothing written: " + AbiguardException.rootMessage(e));
        } else {
            err.println("abiguard: internal error: " + e + " (rerun with --stacktrace and report it)");
        }
        printTrace(e, main, err);
        return ExitCodes.ERROR;
    }

    private static void printTrace(Exception e, Main main, PrintWriter err) {
        if (main.stacktrace) {
            e.printStackTrace(err);
        }
    }

    /** Where confirmations are read from: stdin, or a test's input. */
    InputStream in() {
        return in;
    }

    /** The environment this run was given (the process environment, or a test's). */
    Map<String, String> env() {
        return env;
    }

    /** Who runs this command, for audit records: the sudo caller if any, else the OS user. */
    String operator() {
        String sudoUser = env.get("SUDO_USER");
        return sudoUser != null && !sudoUser.isBlank() ? sudoUser : System.getProperty("user.name", "unknown");
    }

    /** The configuration, resolved once per run. */
    Config config() {
        if (config == null) {
            config = ConfigResolver.resolve(new ConfigSources(dbUrl, dbUser, dbPassword, libvirtUris, hostName,
                    configFile, stateDir, dbPasswordFile, requireTls, env));
        }
        return config;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see --help)");
    }
}
