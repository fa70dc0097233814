package org.abiguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.abiguard.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare as a user runs it: exit codes, both formats, and hostile or broken input. */
class CompareCliTest {
    private static final String BASE = """
            <domain type='qemu'>
              <name>web</name>
              <memory unit='KiB'>65536</memory>
              <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/images/root.img'/><target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
                </disk>
                <disk type='file' device='disk'>
                  <source file='/images/disk.config'/><target dev='vdb' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
                </disk>
              </devices>
            </domain>
            """;

    @TempDir
    Path dir;

    private final Cli cli = new Cli(Map.of());

    private Path file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Cli.Result compare(String current, String... options) throws Exception {
        String[] args = new String[3 + options.length];
        args[0] = "compare";
        args[1] = file("base.xml", BASE).toString();
        args[2] = file("current.xml", current).toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return cli.run(args);
    }

    @Test
    void identicalIsExitZeroWithNoFindings() throws Exception {
        Cli.Result result = compare(BASE, "--format", "json");
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertEquals(0, new ObjectMapper().readTree(result.stdout()).get("findings").size());
    }

    @Test
    void hostSideChangeIsExitZeroButReported() throws Exception {
        Cli.Result result = compare(BASE.replace("/images/disk.config", "/mnt/new/disk.config"));
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("host-config"), result.stdout());
        assertTrue(result.stdout().contains("no guest-visible drift; 1 host-side change(s)"), result.stdout());
    }

    @Test
    void movedDiskIsExitOneWithTheContractFields() throws Exception {
        Cli.Result result = compare(BASE.replace("slot='0x05'", "slot='0x06'"), "--format", "json");

        assertEquals(ExitCodes.DRIFT, result.exitCode(), result::toString);
        JsonNode finding = new ObjectMapper().readTree(result.stdout()).at("/findings/0");
        assertEquals("device-address", finding.get("category").asText());
        assertTrue(finding.get("guest_visible").asBoolean());
        assertEquals("critical", finding.get("severity").asText());
        assertEquals("disk vdb (file /images/disk.config)", finding.get("device").asText());
        assertEquals("/domain/devices/disk[2]/address", finding.get("xpath").asText());
        assertEquals("pci 0000:00:05.0", finding.get("before").asText());
        assertEquals("pci 0000:00:06.0", finding.get("after").asText());
        assertFalse(finding.has("domain"), "compare cannot know the domain/host/version fields");
    }

    @Test
    void textGroupsByDevice() throws Exception {
        Cli.Result result = compare(BASE.replace("slot='0x05'", "slot='0x03'").replace("pc-i440fx-7.2", "pc-i440fx-6.2"));
        assertEquals(ExitCodes.DRIFT, result.exitCode());
        assertTrue(result.stdout().contains("disk vdb (file /images/disk.config)\n  ! device-address"), result.stdout());
        assertTrue(result.stdout().contains("! device-order"), result.stdout());
        assertTrue(result.stdout().contains("os\n  ! machine-type        pc-i440fx-7.2 -> pc-i440fx-6.2"), result.stdout());
    }

    private void assertBadInput(Cli.Result result, String expected) {
        assertEquals(ExitCodes.ERROR, result.exitCode(), result::toString);
        assertEquals(1, result.stderrLines().size(), result::toString);
        assertTrue(result.stderr().contains(expected), result::toString);
        assertEquals("", result.stdout());
    }

    @Test
    void notXml() throws Exception {
        assertBadInput(compare("this is not xml"), "current.xml is not well-formed XML");
    }

    @Test
    void notADomain() throws Exception {
        assertBadInput(compare("<network><name>default</name></network>"),
                "is not a libvirt domain XML: its root element is <network>");
    }

    @Test
    void externalEntityNeverReadsLocalFiles() throws Exception {
        Path secret = file("secret.txt", "TOP-SECRET-CONTENT");
        Cli.Result result = compare("<?xml version='1.0'?><!DOCTYPE domain [<!ENTITY x SYSTEM 'file://" + secret
                + "'>]><domain type='qemu'><name>&x;</name></domain>");
        assertBadInput(result, "uses a DTD");
        assertFalse(result.stderr().contains("TOP-SECRET-CONTENT"));
    }

    @Test
    void entityExpansionBombIsRefused() throws Exception {
        String bomb = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                + "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><domain>&c;</domain>";
        assertBadInput(compare(bomb), "uses a DTD");
    }

    @Test
    void hugeFileIsRefusedBeforeParsing() throws Exception {
        Path huge = dir.resolve("huge.xml");
        Files.writeString(huge, "<domain>" + "x".repeat(11 * 1024 * 1024) + "</domain>");
        Cli.Result result = cli.run("compare", file("base.xml", BASE).toString(), huge.toString());
        assertBadInput(result, "over the limit");
    }

    @Test
    void invalidUtf8() throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.write(bad, new byte[] {'<', 'd', 'o', 'm', 'a', 'i', 'n', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'd',
                'o', 'm', 'a', 'i', 'n', '>'});
        assertBadInput(cli.run("compare", file("base.xml", BASE).toString(), bad.toString()), "is not valid UTF-8");
    }

    @Test
    void missingFile() throws Exception {
        assertBadInput(cli.run("compare", file("base.xml", BASE).toString(), dir.resolve("nope.xml").toString()),
                "does not exist");
    }

    @Test
    void utf8WithoutDeclarationAndNonAsciiNamesWork() throws Exception {
        String named = BASE.replace("<name>web</name>", "<name>wéb-日本</name>");
        Files.write(dir.resolve("u.xml"), named.getBytes(StandardCharsets.UTF_8));
        Cli.Result result = cli.run("compare", file("base.xml", BASE).toString(), dir.resolve("u.xml").toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("wéb-日本"), result.stdout());
    }

    @Test
    void byteOrderMarkIsAccepted() throws Exception {
        Path bom = dir.resolve("bom.xml");
        byte[] body = BASE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(bom, withBom);
        Cli.Result result = cli.run("compare", file("base.xml", BASE).toString(), bom.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("no drift"), result.stdout());
    }

    @Test
    void nestingDeeperThanLibvirtAllowsIsRefused() throws Exception {
        String deep = "<domain><devices>" + "<a>".repeat(255) + "</a>".repeat(255) + "</devices></domain>";
        assertBadInput(compare(deep), "deeper than 256 levels");
    }

    @Test
    void pathologicalNestingIsAnErrorNotAStackOverflow() throws Exception {
        String deep = "<domain>" + "<a>".repeat(200_000) + "</a>".repeat(200_000) + "</domain>";
        assertBadInput(compare(deep), "current.xml");
    }

    @Test
    void theSameGuestSpelledAnotherWayHasNoFinding() throws Exception {
        String respelled = BASE.replace("slot='0x04'", "slot='4'").replace("domain='0x0000' bus='0x00' slot='0x05'",
                "domain='0' bus='0' slot='5'").replace("<memory unit='KiB'>65536</memory>", "<memory unit='MiB'>64</memory>");
        Cli.Result result = compare(respelled, "--format", "json");
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertEquals(0, new ObjectMapper().readTree(result.stdout()).get("findings").size(), result.stdout());
    }

    @Test
    void findingsSayWhetherLibvirtsCheckCoversThem() throws Exception {
        String withTablet = BASE.replace("</devices>", "<input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input></devices>");
        Path base = file("tablet-base.xml", withTablet);
        Path moved = file("tablet-moved.xml", withTablet.replace("port='1'", "port='2'"));
        Cli.Result json = cli.run("compare", base.toString(), moved.toString(), "--format", "json");
        assertEquals(ExitCodes.DRIFT, json.exitCode(), json::toString);
        JsonNode finding = new ObjectMapper().readTree(json.stdout()).at("/findings/0");
        assertEquals("device-address", finding.get("category").asText());
        assertTrue(finding.get("guest_visible").asBoolean());
        assertFalse(finding.get("libvirt_abi").asBoolean());
        assertTrue(finding.get("beyond_libvirt").asText().contains("USB port"), finding.toString());
        Cli.Result text = cli.run("compare", base.toString(), moved.toString());
        assertTrue(text.stdout().contains("libvirt's check does not cover this: the device sits on another USB port"),
                text.stdout());

        Cli.Result abi = compare(BASE.replace("slot='0x05'", "slot='0x06'"), "--format", "json");
        assertTrue(new ObjectMapper().readTree(abi.stdout()).at("/findings/0/libvirt_abi").asBoolean(), abi.stdout());
    }
}
