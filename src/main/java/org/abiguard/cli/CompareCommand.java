package org.abiguard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.abiguard.drift.DriftEngine;
import org.abiguard.drift.DomainDocument;
import org.abiguard.drift.Finding;
import org.abiguard.drift.XmlFiles;
import org.abiguard.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare BASE CURRENT}: drift between two domain XML files, no database. */
@Command(name = "compare", description = {
        "Compare two libvirt domain XML files and report what the guest would see differently.",
        "Exit 0: nothing guest-visible differs; 1: guest-visible drift; 2: error."})
final class CompareCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE.xml", description = "The baseline domain XML.")
    Path base;

    @Parameters(index = "1", paramLabel = "CURRENT.xml", description = "The domain XML to check against it.")
    Path current;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        DomainDocument baseDoc = DomainDocument.parse(XmlFiles.read(base), base.toString());
        DomainDocument currentDoc = DomainDocument.parse(XmlFiles.read(current), current.toString());
        List<Finding> findings = DriftEngine.compare(baseDoc, currentDoc);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(Json.write(new CompareOutput(findings)));
        } else {
            FindingsText.print(findings, out, "");
            out.println(FindingsText.summary(findings));
        }
        return findings.stream().anyMatch(Finding::guestVisible) ? ExitCodes.DRIFT : ExitCodes.OK;
    }

    record CompareOutput(List<Finding> findings) {
    }
}
