package org.abiguard.drift;

import java.nio.file.Path;
import java.util.List;

/**
 * Guest shapes for the oracle corpus: i440fx with virtio and IDE disks, two NICs, serial, guest-agent
 * channel, cirrus video, watchdog, rng and balloon; q35 with SATA, SCSI and virtio disks, two NICs,
 * a USB tablet, VGA video, rng and balloon. {@code %s} stands for the per-run name and image prefix.
 */
final class CorpusShapes {
    record Shape(String id, String xmlTemplate, List<String> disks) {
        String xml(String name, Path images, String prefix) {
            String xml = xmlTemplate.replace("@NAME@", name);
            for (String disk : disks) {
                xml = xml.replace("@" + disk + "@", images.resolve(prefix + disk + ".img").toString());
            }
            return xml;
        }
    }

    static final Shape I440FX = new Shape("i440fx", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <memory unit='MiB'>32</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@root@'/><target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@config@'/><target dev='vdb' bus='virtio'/></disk>
                <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='@cdrom@'/><target dev='hdc' bus='ide'/><readonly/></disk>
                <interface type='user'><mac address='52:54:00:aa:00:01'/><model type='virtio'/></interface>
                <interface type='user'><mac address='52:54:00:aa:00:02'/><model type='e1000'/></interface>
                <serial type='pty'/>
                <console type='pty'/>
                <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
                <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                <video><model type='cirrus'/></video>
                <watchdog model='i6300esb' action='reset'/>
                <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """, List.of("root", "config", "cdrom"));

    static final Shape Q35 = new Shape("q35", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <memory unit='MiB'>32</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='q35'>hvm</type></os>
              <features><acpi/><apic/></features>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@sata@'/><target dev='sda' bus='sata'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@scsi@'/><target dev='sdb' bus='scsi'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@virtio@'/><target dev='vda' bus='virtio'/></disk>
                <controller type='scsi' model='virtio-scsi'/>
                <interface type='user'><mac address='52:54:00:bb:00:01'/><model type='virtio'/></interface>
                <interface type='user'><mac address='52:54:00:bb:00:02'/><model type='virtio'/></interface>
                <input type='tablet' bus='usb'/>
                <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                <video><model type='vga'/></video>
                <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """, List.of("sata", "scsi", "virtio"));

    static final List<Shape> ALL = List.of(I440FX, Q35);

    private CorpusShapes() {
    }
}
