package org.abiguard.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.abiguard.archive.Database;
import org.abiguard.archive.HostLoginGrants;
import org.abiguard.config.DatabasePassword;
import org.abiguard.config.Config;
import org.abiguard.config.HostNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code db grant-host HOST --login NAME --password-file F}: creates or rotates a host's database login. */
@Command(name = "grant-host", description = {
        "Create the database login of HOST, or rotate its password (run it again with a new file).",
        "The login can read and write only HOST's rows (row-level security); the hypervisor then uses it as its "
                + "db-user with db-password-file. Applies the role grants of db-roles.sql first.",
        "Giving HOST a login under a new name revokes its previous one."})
final class DbGrantHostCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    DbCommand db;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "The host's name in the archive (created if new).")
    String host;

    @Option(names = "--login", required = true, paramLabel = "NAME", description = "The role name, lower case.")
    String login;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "A file whose first line is the password (at least 16 characters); never a flag (ps shows flags).")
    Path passwordFile;

    @Override
    public Integer call() {
        HostNames.requireValid(host);
        Config config = db.sharedDatabase();
        char[] password = DatabasePassword.read(passwordFile).toCharArray();
        HostLoginGrants.Granted granted;
        try (Database database = Database.open(config)) {
            granted = HostLoginGrants.grant(database, host, login, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        spec.commandLine().getOut().println("host " + host + ": login " + granted.login()
                + (granted.created() ? " created" : " password rotated") + "; it reads and writes only " + host + "'s rows"
                + granted.replaced().map(old -> " (previous login " + old + " revoked)").orElse(""));
        return ExitCodes.OK;
    }
}
