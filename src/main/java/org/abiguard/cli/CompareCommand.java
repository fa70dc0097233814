package org.abiguard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.abiguard.Json;
import org.abiguard.PrintableText;
import org.abiguard.drift.DomainDocument;
import org.abiguard.drift.Finding;
import org.abiguard.drift.JudgedComparison;
import org.abiguard.drift.XmlFiles;
import org.abiguard.libvirt.AbiVerdict;
import org.abiguard.libvirt.SaveImageJudge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare BASE CURRENT}: drift between two domain XML files, no database; libvirt judges when it can. */
@Command(name = "compare", description = {
        "Compare two libvirt domain XML files and report what the guest would see differently.",
        "Whether libvirt takes them as the same guest ABI is asked of the local libvirt (the first --libvirt-uri)",
        "with its own ABI check; where it cannot be asked the rules judge, and the output says so.",
        "Compare like with like: two inactive XMLs, or two live ones.",
        "Exit 0: nothing guest-visible differs; 1: guest-visible drift; 2: error."})
final class CompareCommand extends VerbCommand {
    /** Who decides libvirt_abi. */
    enum JudgeChoice { libvirt, rules, auto }

    @Parameters(index = "0", paramLabel = "BASE.xml", description = "The baseline domain XML.")
    Path base;

    @Parameters(index = "1", paramLabel = "CURRENT.xml", description = "The domain XML to check against it.")
    Path current;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--judge", defaultValue = "auto", paramLabel = "libvirt|rules|auto", description = {
            "libvirt: libvirt's ABI check decides, and exit 2 if it cannot be asked; rules: the rules alone, libvirt",
            "is not asked; auto: libvirt when it can be asked, else the rules (default: ${DEFAULT-VALUE})."})
    JudgeChoice judge;

    @Option(names = "--judge-timeout-ms", defaultValue = "5000", paramLabel = "MS",
            description = "Bound on each libvirt call (default: ${DEFAULT-VALUE}).")
    long judgeTimeoutMs;

    @Override
    public Integer call() {
        String baseXml = XmlFiles.read(base);
        String currentXml = XmlFiles.read(current);
        DomainDocument baseDoc = DomainDocument.parse(baseXml, base.toString());
        DomainDocument currentDoc = DomainDocument.parse(currentXml, current.toString());
        JudgedComparison compared;
        if (judge == JudgeChoice.rules) {
            compared = JudgedComparison.of(baseDoc, baseXml, currentDoc, currentXml, Optional.empty());
        } else {
            String uri = main.config().libvirtUris().get(0);
            try (SaveImageJudge libvirt = SaveImageJudge.open(uri, SaveImageJudge.workDir(main.config().stateDir()),
                    java.time.Duration.ofMillis(judgeTimeoutMs))) {
                compared = JudgedComparison.of(baseDoc, baseXml, currentDoc, currentXml, Optional.of(libvirt));
            }
            if (judge == JudgeChoice.libvirt && !compared.verdict().judgedByLibvirt()) {
                throw new ExitException(ExitCodes.ERROR, "libvirt could not judge (--judge libvirt): "
                        + PrintableText.of(compared.verdict().message()));
            }
            if (!compared.verdict().judgedByLibvirt()) {
                err().println("abiguard: libvirt did not judge (" + PrintableText.of(compared.verdict().message())
                        + "); the rules judged");
            }
        }
        PrintWriter out = out();
        if (format == OutputFormat.json) {
            out.println(Json.write(new CompareOutput(compared.findings(), compared.verdict())));
        } else {
            FindingsText.print(compared.findings(), out, "");
            out.println(FindingsText.summary(compared.findings()));
            out.println(PrintableText.of(compared.judgeLine()));
        }
        return compared.guestVisible() ? ExitCodes.DRIFT : ExitCodes.OK;
    }

    /** {@code verdict}: who judged the pair and what it said (an addition to the findings contract). */
    record CompareOutput(List<Finding> findings, AbiVerdict verdict) {
    }
}
