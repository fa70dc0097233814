package org.abiguard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.abiguard.archive.Database;
import org.abiguard.archive.SnapshotPass;
import org.abiguard.config.Config;
import org.abiguard.drift.ArchiveDrift;
import org.abiguard.drift.Baselines;
import org.abiguard.drift.DriftFilter;
import org.abiguard.drift.DriftFinding;
import org.abiguard.libvirt.LibvirtConnection;
import org.abiguard.archive.AtomicFiles;
import org.abiguard.report.ReportBuilder;
import org.abiguard.report.ReportFormat;
import org.abiguard.report.ReportRenderer;
import org.libvirt.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a self-contained tour on the local libvirt. Defines three guests, archives them,
 * reproduces the seed (a volume attached, then the definition regenerated as Nova's hard reboot does)
 * and a machine-type re-expansion, runs drift and writes the HTML report. {@code --clean} removes the
 * guests and their disks; their history stays in the archive, marked gone at the next pass.
 */
@Command(name = "demo", description = {
        "A guided tour on the local libvirt: three demo guests (abiguard-demo-*), the seed's regeneration,",
        "a machine-type change, drift and the HTML report. Remove the guests with --clean."})
final class DemoCommand extends VerbCommand {
    @Option(names = "--clean", description = "Remove the demo guests and their disk files, then exit.")
    boolean clean;

    @Override
    public Integer call() {
        Config config = main.config();
        PrintWriter out = spec.commandLine().getOut();
        try (LibvirtConnection connection = LibvirtConnection.open(config.libvirtUris().get(0))) {
            DemoGuests guests = new DemoGuests(connection);
            DemoGuests.ALL.forEach(guests::remove);
            if (clean) {
                DemoGuests.removeDisks();
                out.println("demo guests and disks removed; their history stays in the archive");
                return ExitCodes.OK;
            }
            try (Database database = Database.open(config)) {
                tour(config, guests, connection, database, out);
            }
        }
        return ExitCodes.OK;
    }

    private void tour(Config config, DemoGuests guests, LibvirtConnection connection, Database database, PrintWriter out) {
        SnapshotPass pass = new SnapshotPass(database.jdbi(), config.hostName());
        String root = guests.disk("web-root").toString();
        String configDisk = guests.disk("web-config").toString();
        Path volume = guests.disk("web-volume");
        Domain web = guests.define(DemoGuests.xml(DemoGuests.WEB, null, "pc",
                List.of(new DemoGuests.Disk(root, "vda"), new DemoGuests.Disk(configDisk, "vdb"))));
        Domain db = guests.define(DemoGuests.xml(DemoGuests.DB, null, "pc-i440fx-6.2",
                List.of(new DemoGuests.Disk(guests.disk("db-root").toString(), "vda"))));
        guests.define(DemoGuests.xml(DemoGuests.CACHE, null, "pc",
                List.of(new DemoGuests.Disk(guests.disk("cache-root").toString(), "vda"))));
        out.println("1. Defined " + String.join(", ", DemoGuests.ALL) + "; libvirt assigned their PCI addresses.");
        pass.run(List.of(connection));
        out.println("2. Archived every domain of " + connection.uri() + " (abiguard snapshot).");

        guests.attachConfigDisk(web, volume, "vdc");
        pass.run(List.of(connection));
        out.println("3. Attached a volume to " + DemoGuests.WEB + " (virsh attach-device --config) and archived it.");
        new Baselines(database.jdbi()).accept(DemoGuests.WEB, main.operator(), "demo: volume attached on purpose");
        out.println("   Accepted the attach as " + DemoGuests.WEB + "'s new baseline (abiguard accept --reason ...).");

        String webUuid = uuid(web);
        guests.remove(DemoGuests.WEB);
        guests.define(DemoGuests.xml(DemoGuests.WEB, webUuid, "pc", List.of(new DemoGuests.Disk(root, "vda"),
                new DemoGuests.Disk(volume.toString(), "vdb"), new DemoGuests.Disk(configDisk, "vdc"))));
        out.println("4. Regenerated " + DemoGuests.WEB + " from scratch, volume listed after the root disk "
                + "(what Nova does on hard reboot).");
        String dbUuid = uuid(db);
        guests.remove(DemoGuests.DB);
        guests.define(DemoGuests.xml(DemoGuests.DB, dbUuid, "pc", List.of(new DemoGuests.Disk(
                DemoGuests.IMAGES.resolve("db-root.img").toString(), "vda"))));
        out.println("5. Redefined " + DemoGuests.DB + " with machine='pc': libvirt expands it to the newest chipset.");
        pass.run(List.of(connection));
        // What every pass does after it committed: libvirt judges the new versions (and the gate's cache follows).
        org.abiguard.gate.GateSync.afterPass(database, config.hostName(), config.stateDir(), List.of(connection.uri()));

        List<DriftFinding> findings = new ArchiveDrift(database.jdbi()).open(DriftFilter.ALL).stream()
                .filter(f -> f.domain().name().startsWith("abiguard-demo-")).toList();
        out.println("6. abiguard drift found " + findings.stream().filter(DriftFinding::guestVisible).count()
                + " guest-visible findings on the demo guests:");
        FindingsText.printDrift(findings, out, false);
        Path report = config.stateDir().resolve("reports").resolve("latest.html");
        AtomicFiles.write(report, ReportRenderer.render(new ReportBuilder(database.jdbi()).build(Instant.now()),
                ReportFormat.html), AtomicFiles.GROUP_READABLE);
        out.println("7. The drift report: " + report);
        out.println("   Look closer: abiguard drift --domain " + DemoGuests.WEB + "; abiguard history " + DemoGuests.WEB);
        out.println("   Remove the demo guests: abiguard demo --clean");
    }

    private static String uuid(Domain domain) {
        try {
            return domain.getUUIDString();
        } catch (org.libvirt.LibvirtException e) {
            throw new org.abiguard.AbiguardException("cannot read a demo guest's UUID", e);
        }
    }
}
