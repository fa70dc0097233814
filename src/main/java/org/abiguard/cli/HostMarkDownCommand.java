package org.abiguard.cli;

import java.util.concurrent.Callable;
import org.abiguard.archive.Database;
import org.abiguard.archive.HostDao;
import org.abiguard.config.HostNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code host mark-down H --reason TEXT}: declare a host lost, which lets restore evacuate it. */
@Command(name = "mark-down", description = {
        "Declare a host down (lost, powered off, fenced) so its guests may be restored elsewhere.",
        "Only do this when the host can no longer run its guests: two copies of a guest destroy its disks."})
final class HostMarkDownCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    HostCommand host;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "The host's name in the archive.")
    String name;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded).")
    String reason;

    @Override
    public Integer call() {
        HostNames.requireValid(name);
        try (Database database = Database.open(host.main.config())) {
            int changed = database.jdbi().withExtension(HostDao.class, dao -> dao.markDown(name, reason));
            if (changed == 0) {
                throw new ExitException(ExitCodes.ERROR, "no host named '" + name + "' in the archive");
            }
        }
        spec.commandLine().getOut().println("host " + name + " marked down: " + reason);
        return ExitCodes.OK;
    }
}
