package org.abiguard.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.abiguard.AbiguardException;
import org.abiguard.archive.Database;
import org.abiguard.archive.DomainDao;
import org.abiguard.archive.DomainRef;
import org.abiguard.archive.DomainVersionDao;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.DriftDao;
import org.abiguard.drift.DriftFilter;
import org.abiguard.drift.DriftFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code accept D}: the domain's latest inactive definition becomes its baseline; its open findings close. */
@Command(name = "accept", description = {
        "Take a domain's latest archived definition as its new baseline, closing its open drift findings.",
        "Records who accepted, when, why, and the findings closed."})
final class AcceptCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "Domain name or UUID.")
    String domain;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the change is intended (recorded).")
    String reason;

    @Override
    public Integer call() {
        String who = main.operator();
        try (Database database = Database.open(main.config())) {
            String message = database.jdbi().inTransaction(handle -> {
                DomainRef ref = handle.attach(DomainDao.class).require(domain);
                int latest = handle.attach(DomainVersionDao.class).latest(ref.id(), "inactive").orElseThrow(
                        () -> new AbiguardException("domain '" + ref.name() + "' has no archived definition"));
                List<DriftFinding> closed = new ArchiveDrift(database.jdbi()).open(handle,
                        new DriftFilter(Optional.of(ref.uuid().toString()), Optional.empty(), Optional.empty()))
                        .stream().filter(f -> f.observedVersion() == latest && f.baselineVersion() != f.observedVersion()
                                && f.context().stream().noneMatch(c -> c.event().equals("pending-cold-boot")))
                        .toList();
                if (closed.isEmpty() && isBaseline(handle.attach(DriftDao.class), ref, latest)) {
                    return "version " + latest + " of " + ref.name() + " is already its baseline; nothing to accept";
                }
                handle.attach(DriftDao.class).accept(ref.id(), latest, who,
                        reason == null || reason.isBlank() ? "(no reason given)" : reason, Json.write(closed));
                return "accepted version " + latest + " of " + ref.name() + " (" + ref.uuid() + ") as its baseline; "
                        + closed.size() + " finding(s) closed, recorded as accepted by " + who;
            });
            spec.commandLine().getOut().println(message);
        }
        return ExitCodes.OK;
    }

    private static boolean isBaseline(DriftDao dao, DomainRef ref, int latest) {
        return dao.states(ref.uuid().toString(), null).stream().anyMatch(s -> s.baselineVersion() == latest);
    }
}
