package org.abiguard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.archive.Database;
import org.abiguard.archive.DomainDao;
import org.abiguard.archive.DomainRef;
import org.abiguard.archive.DomainVersionDao;
import org.abiguard.drift.Repin;
import org.abiguard.AbiguardException;
import org.abiguard.PrintableText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code repin D}: the current definition with the baseline's guest ABI put back; defines nothing. */
@Command(name = "repin", description = {
        "Print DOMAIN's latest archived definition with its baseline's guest ABI put back: machine type, CPU,",
        "memory, features, clock, SMBIOS, device addresses, disk targets and guest-visible device properties,",
        "keeping today's host-side fields (paths, cache modes, graphics, metadata). Devices that exist only now",
        "keep their configuration on addresses no baseline device used; devices only in the baseline are listed,",
        "not re-added. The result is proven against the baseline by the local libvirt's own ABI check (the rules",
        "where libvirt cannot be asked) before it is printed; exit 2 with libvirt's words when it is refused.",
        "Nothing is defined: run virsh define on it."})
final class RepinCommand extends VerbCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain name or UUID.")
    String domain;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the XML here (0600) instead of stdout.")
    Path outFile;

    @Override
    public Integer call() {
        try (Database database = Database.open(main.config())) {
            DomainRef ref = database.jdbi().withExtension(DomainDao.class, dao -> dao.require(domain));
            int latest = database.jdbi().withExtension(DomainVersionDao.class, dao -> dao.latest(ref.id(), "inactive"))
                    .orElseThrow(() -> new AbiguardException(domain + " has no archived definition"));
            int baseline = database.jdbi().withExtension(org.abiguard.drift.DriftDao.class,
                    dao -> dao.baselineVersion(ref.id()));
            String baselineXml = database.jdbi().withExtension(DomainVersionDao.class, dao -> dao.xmlOf(ref.id(), baseline))
                    .orElseThrow();
            String currentXml = database.jdbi().withExtension(DomainVersionDao.class, dao -> dao.xmlOf(ref.id(), latest))
                    .orElseThrow();
            Repin.Result result = Repin.of(baselineXml, currentXml);
            String proof = RepinProof.prove(result, baseline, main.config());
            PrintWriter err = err();
            err.println("abiguard: " + PrintableText.of(ref.name()) + ": version " + latest
                    + " with the guest ABI of baseline version " + baseline + " put back (" + proof + ")");
            result.onlyNow().forEach(d -> err.println("  only now, kept on a free address: " + d));
            result.onlyInBaseline().forEach(d -> err.println("  only in the baseline, NOT re-added: " + d));
            if (outFile != null) {
                AtomicFiles.write(outFile, result.xml(), AtomicFiles.PRIVATE);
                err.println("abiguard: written to " + outFile + "; to use it: virsh define " + outFile);
            } else {
                out().println(result.xml());
            }
            return ExitCodes.OK;
        }
    }
}
