package org.abiguard.cli;

import java.nio.file.Path;
import java.time.Instant;
import org.abiguard.archive.Database;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.report.ReportBuilder;
import org.abiguard.report.ReportFormat;
import org.abiguard.report.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: the drift report, to stdout or a file. */
@Command(name = "report", description = {
        "Render the drift report: summary, hosts, timeline, and every open finding with XML excerpts",
        "and the commands to look closer or accept. HTML is one self-contained page."})
final class ReportCommand extends VerbCommand {
    @Option(names = "--format", defaultValue = "html", description = "html, md or json (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "PATH", description = "Write to PATH (atomically) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        String rendered;
        try (Database database = Database.open(main.config())) {
            rendered = ReportRenderer.render(new ReportBuilder(database.jdbi()).build(Instant.now()), format);
        }
        if (out == null) {
            spec.commandLine().getOut().print(rendered);
        } else {
            AtomicFiles.write(out, rendered, AtomicFiles.GROUP_READABLE);
            spec.commandLine().getErr().println("report written to " + out.toAbsolutePath());
        }
        return ExitCodes.OK;
    }
}
