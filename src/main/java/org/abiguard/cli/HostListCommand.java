package org.abiguard.cli;

import java.io.PrintWriter;
import org.abiguard.PrintableText;
import java.util.List;
import java.util.concurrent.Callable;
import org.abiguard.archive.Database;
import org.abiguard.archive.HostDao;
import org.abiguard.archive.HostSummary;
import org.abiguard.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code host list}: every host with its latest facts and last pass. */
@Command(name = "list", description = "List hosts with their latest facts, last pass and heartbeat.")
final class HostListCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    HostCommand host;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        try (Database database = Database.open(host.main.config())) {
            List<HostSummary> hosts = database.jdbi().withExtension(HostDao.class, HostDao::list);
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                out.println(Json.write(new HostsOutput(hosts)));
            } else {
                out.printf("%-24s  %7s  %-20s  %-10s  %-12s  %-16s  %s%n", "HOST", "DOMAINS", "LAST PASS", "LIBVIRT",
                        "HYPERVISOR", "LOGIN", "STATUS");
                for (HostSummary h : hosts) {
                    out.printf("%-24s  %7d  %-20s  %-10s  %-12s  %-16s  %s%n", PrintableText.of(h.name()), h.domains(),
                            h.lastPassAt() == null ? "never" : TextTimes.of(h.lastPassAt()), orDash(h.libvirtVersion()),
                            h.hypervisorType() == null ? "-" : h.hypervisorType() + " " + h.hypervisorVersion(),
                            orDash(h.login()),
                            h.markedDownAt() == null ? "up" : "down since " + TextTimes.of(h.markedDownAt()) + ": " + h.markedDownReason());
                }
            }
        }
        return ExitCodes.OK;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    record HostsOutput(List<HostSummary> hosts) {
    }
}
