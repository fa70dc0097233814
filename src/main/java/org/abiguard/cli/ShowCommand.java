package org.abiguard.cli;

import org.abiguard.AbiguardException;
import org.abiguard.archive.Database;
import org.abiguard.archive.DomainDao;
import org.abiguard.archive.DomainRef;
import org.abiguard.archive.DomainVersionDao;
import org.jdbi.v3.core.Handle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code show D}: one archived XML, exactly as libvirt returned it. */
@Command(name = "show", description = {
        "Print one archived XML of a domain: by default its latest inactive definition.",
        "Version numbers are those of 'history' (one sequence per domain across both kinds)."})
final class ShowCommand extends VerbCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain name or UUID.")
    String domain;

    @Option(names = "--version", paramLabel = "N", description = "This version instead of the latest.")
    Integer version;

    @Option(names = "--live", description = "The latest live XML instead of the inactive definition.")
    boolean live;

    @Override
    public Integer call() {
        try (Database database = Database.open(main.config())) {
            String xml = database.jdbi().withHandle(this::find);
            spec.commandLine().getOut().print(xml.endsWith("\n") ? xml : xml + "\n");
        }
        return ExitCodes.OK;
    }

    private String find(Handle handle) {
        DomainRef ref = handle.attach(DomainDao.class).require(domain);
        DomainVersionDao versions = handle.attach(DomainVersionDao.class);
        String kind = live ? "live" : "inactive";
        int wanted = version != null ? version : versions.latest(ref.id(), kind).orElseThrow(
                () -> new AbiguardException("domain '" + ref.name() + "' has no archived " + kind + " XML"));
        String actualKind = versions.kindOf(ref.id(), wanted).orElseThrow(
                () -> new AbiguardException("domain '" + ref.name() + "' has no version " + wanted
                        + " (see: abiguard history " + ref.uuid() + ")"));
        if (live && !actualKind.equals("live")) {
            throw new AbiguardException("version " + wanted + " of '" + ref.name() + "' is " + actualKind + ", not live");
        }
        return versions.xmlOf(ref.id(), wanted).orElseThrow();
    }
}
