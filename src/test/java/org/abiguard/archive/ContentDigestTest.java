package org.abiguard.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.abiguard.AbiguardException;
import org.junit.jupiter.api.Test;

/** What makes a new version and what does not. */
class ContentDigestTest {
    private static final String LIVE = """
            <domain type='qemu' id='%s'>
              <name>web</name>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/img/root.img' index='%s'/>
                  <target dev='vda' bus='virtio'/>
                  <alias name='virtio-disk0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
                </disk>
                <interface type='bridge'><mac address='52:54:00:00:00:01'/><target dev='vnet%s'/><alias name='net0'/></interface>
                <serial type='pty'><source path='/dev/pts/%s'/><target port='0'/></serial>
                <console type='pty' tty='/dev/pts/%s'><target type='serial' port='0'/></console>
                <channel type='unix'><source mode='bind' path='/var/lib/libvirt/qemu/channel/target/domain-%s-web/org.qemu.guest_agent.0'/><target type='virtio' name='org.qemu.guest_agent.0' state='%s'/></channel>
                <graphics type='vnc' port='%s' autoport='yes' listen='127.0.0.1'/>
              </devices>
              <seclabel type='dynamic' model='dac' relabel='yes'><label>+%s:+64055</label></seclabel>
            </domain>
            """;

    private static String live(int n, String state, int slot) {
        return LIVE.formatted(n, n, n, n, n, n, state, 5900 + n, n).replace("slot='0x04'", "slot='0x0" + slot + "'");
    }

    @Test
    void volatileLiveDataDoesNotChangeTheDigest() {
        assertEquals(ContentDigest.of(live(1, "connected", 4), "a"), ContentDigest.of(live(7, "disconnected", 4), "b"));
    }

    @Test
    void aMovedDeviceChangesTheDigest() {
        assertNotEquals(ContentDigest.of(live(1, "connected", 4), "a"), ContentDigest.of(live(1, "connected", 5), "b"));
    }

    @Test
    void formattingAndAttributeOrderDoNotChangeTheDigest() {
        String a = "<domain type='qemu'><name>x</name><memory unit='KiB'>1024</memory></domain>";
        String b = "<domain  type=\"qemu\">\n  <name>x</name>\n  <memory unit=\"KiB\">1024</memory>\n</domain>\n";
        assertEquals(ContentDigest.of(a, "a"), ContentDigest.of(b, "b"));
    }

    @Test
    void fixedVncPortAndUserAliasesAreContent() {
        String fixed = "<domain><devices><graphics type='vnc' port='%s' autoport='no'/></devices></domain>";
        assertNotEquals(ContentDigest.of(fixed.formatted(5901), "a"), ContentDigest.of(fixed.formatted(5902), "b"));
        String alias = "<domain><devices><disk><alias name='%s'/></disk></devices></domain>";
        assertNotEquals(ContentDigest.of(alias.formatted("ua-one"), "a"), ContentDigest.of(alias.formatted("ua-two"), "b"));
    }

    @Test
    void doctypeIsRefused() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>";
        AbiguardException e = assertThrows(AbiguardException.class, () -> ContentDigest.of(xxe, "hostile"));
        assertTrue(e.getMessage().startsWith("hostile is not well-formed XML or uses a DTD"), e.getMessage());
    }
}
