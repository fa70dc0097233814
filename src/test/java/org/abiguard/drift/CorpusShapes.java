package org.abiguard.drift;

import java.nio.file.Path;
import java.util.List;

/**
 * Guest shapes for the oracle corpus, each defined, started and saved on the real libvirtd: i440fx with
 * virtio and IDE disks, two NICs, serial, guest-agent channel, cirrus video, watchdog, rng and balloon;
 * q35 with SATA, SCSI and virtio disks, two NICs, a USB tablet, VGA video, rng and balloon; and the
 * three shapes operators run most (Windows-like q35, q35 Linux server, legacy i440fx with NUMA).
 * {@code @NAME@} stands for the per-run name, {@code @disk@} for a per-run disk image.
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


    /** A Windows-like q35 guest: Hyper-V enlightenments TCG accepts, localtime clock with timers, SMBIOS with OEM strings, SATA, e1000e, EHCI with UHCI companions and a USB tablet, qxl, two sound cards. */
    static final Shape WINDOWS = new Shape("win-q35", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <memory unit='MiB'>64</memory>
              <vcpu>2</vcpu>
              <sysinfo type='smbios'>
                <bios><entry name='vendor'>abiguard</entry></bios>
                <system><entry name='manufacturer'>abiguard</entry><entry name='product'>winvm</entry><entry name='serial'>ser-1</entry></system>
                <oemStrings><entry>oem-one</entry><entry>oem-two</entry></oemStrings>
              </sysinfo>
              <os><type arch='x86_64' machine='q35'>hvm</type><smbios mode='sysinfo'/></os>
              <features>
                <acpi/><apic/>
                <hyperv mode='custom'><relaxed state='on'/><vapic state='on'/><spinlocks state='on' retries='8191'/><reset state='on'/><frequencies state='on'/></hyperv>
              </features>
              <cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>
              <clock offset='localtime'>
                <timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/><timer name='hpet' present='no'/><timer name='hypervclock' present='yes'/>
              </clock>
              <devices>
                <controller type='usb' index='0' model='ich9-ehci1'/>
                <controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>
                <controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller>
                <controller type='usb' index='0' model='ich9-uhci3'><master startport='4'/></controller>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@sys@'/><target dev='sda' bus='sata'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@data@'/><target dev='sdb' bus='sata'/></disk>
                <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='@iso@'/><target dev='sdc' bus='sata'/><readonly/></disk>
                <interface type='user'><mac address='52:54:00:cc:00:01'/><model type='e1000e'/></interface>
                <input type='tablet' bus='usb'/>
                <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                <video><model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1'/></video>
                <sound model='ich9'/>
                <sound model='ich6'/>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """, List.of("sys", "data", "iso"));

    /** A q35 Linux server: explicit root ports and a pcie-to-pci bridge, virtio-scsi with two disks, two NICs, virtio-serial channels, two videos, rng, watchdog, serial console, panic, iothreads, cputune, vcpu cpuset. */
    static final Shape LINUX_Q35 = new Shape("linux-q35", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <memory unit='MiB'>64</memory>
              <vcpu placement='static' cpuset='0-1'>2</vcpu>
              <iothreads>2</iothreads>
              <cputune><shares>1024</shares><vcpupin vcpu='0' cpuset='0'/><vcpupin vcpu='1' cpuset='1'/></cputune>
              <os><type arch='x86_64' machine='q35'>hvm</type></os>
              <features><acpi/><apic/></features>
              <cpu mode='custom' match='exact' check='partial'><model fallback='allow'>qemu64</model><topology sockets='1' dies='1' cores='2' threads='1'/></cpu>
              <clock offset='utc'><timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/><timer name='hpet' present='no'/></clock>
              <devices>
                <controller type='pci' index='0' model='pcie-root'/>
                <controller type='pci' index='1' model='pcie-root-port'/>
                <controller type='pci' index='2' model='pcie-root-port'/>
                <controller type='pci' index='3' model='pcie-root-port'/>
                <controller type='pci' index='4' model='pcie-root-port'/>
                <controller type='pci' index='5' model='pcie-root-port'/>
                <controller type='pci' index='6' model='pcie-root-port'/>
                <controller type='pci' index='7' model='pcie-root-port'/>
                <controller type='pci' index='8' model='pcie-root-port'/>
                <controller type='pci' index='9' model='pcie-to-pci-bridge'/>
                <controller type='scsi' index='0' model='virtio-scsi'><driver iothread='1'/></controller>
                <controller type='virtio-serial' index='0'/>
                <disk type='file' device='disk'><driver name='qemu' type='raw' iothread='2'/><source file='@root@'/><target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@scsi1@'/><target dev='sda' bus='scsi'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@scsi2@'/><target dev='sdb' bus='scsi'/><vendor>ABIG</vendor><product>DATA</product></disk>
                <interface type='user'><mac address='52:54:00:dd:00:01'/><model type='virtio'/></interface>
                <interface type='user'><mac address='52:54:00:dd:00:02'/><model type='virtio'/></interface>
                <serial type='pty'><target port='0'/></serial>
                <console type='pty'><target type='serial' port='0'/></console>
                <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
                <channel type='pty'><target type='virtio' name='org.abiguard.probe.0'/></channel>
                <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                <video><model type='virtio' heads='1' primary='yes'/></video>
                <video><model type='virtio' heads='1'/></video>
                <watchdog model='i6300esb' action='reset'/>
                <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
                <memballoon model='virtio'><stats period='10'/></memballoon>
                <panic model='isa'/>
              </devices>
            </domain>
            """, List.of("root", "scsi1", "scsi2"));

    /** An older i440fx guest: IDE + virtio + USB disks, rtl8139, cirrus, piix3-uhci, PS/2, two serial ports, a parallel port, two NUMA cells with a DIMM each, two ivshmem regions. */
    static final Shape I440FX_LEGACY = new Shape("i440fx-legacy", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <memory unit='MiB'>96</memory>
              <maxMemory slots='4' unit='MiB'>512</maxMemory>
              <vcpu>2</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <features><acpi/><apic/></features>
              <cpu mode='custom' match='exact'><model>qemu64</model><topology sockets='2' dies='1' cores='1' threads='1'/>
                <numa><cell id='0' cpus='0' memory='32' unit='MiB'/><cell id='1' cpus='1' memory='32' unit='MiB'/></numa></cpu>
              <clock offset='utc'/>
              <devices>
                <controller type='usb' index='0' model='piix3-uhci'/>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@ide@'/><target dev='hda' bus='ide'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@virtio@'/><target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@usb@'/><target dev='sda' bus='usb'/></disk>
                <interface type='user'><mac address='52:54:00:ee:00:01'/><model type='rtl8139'/></interface>
                <input type='mouse' bus='ps2'/><input type='keyboard' bus='ps2'/>
                <serial type='pty'><target port='0'/></serial>
                <serial type='pty'><target port='1'/></serial>
                <parallel type='pty'><target port='0'/></parallel>
                <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                <video><model type='cirrus'/></video>
                <memballoon model='virtio'/>
                <memory model='dimm'><target><size unit='MiB'>128</size><node>0</node></target></memory>
                <memory model='dimm'><target><size unit='MiB'>128</size><node>1</node></target></memory>
                <shmem name='@NAME@-a' role='master'><model type='ivshmem-plain'/><size unit='M'>1</size></shmem>
                <shmem name='@NAME@-b' role='master'><model type='ivshmem-plain'/><size unit='M'>1</size></shmem>
              </devices>
            </domain>
            """, List.of("ide", "virtio", "usb"));

    /** What Nova writes for an i440fx instance: OpenStack SMBIOS, nova metadata, virtio root and ephemeral disks, config drive on IDE, tablet, serial log file + pty console, VGA, rng, balloon stats. */
    static final Shape NOVA = new Shape("nova-i440fx", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <metadata><nova:instance xmlns:nova='http://openstack.org/xmlns/libvirt/nova/1.1'><nova:name>web-1</nova:name></nova:instance></metadata>
              <memory unit='KiB'>65536</memory>
              <currentMemory unit='KiB'>65536</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <cputune><shares>1024</shares></cputune>
              <sysinfo type='smbios'><system><entry name='manufacturer'>OpenStack Foundation</entry><entry name='product'>OpenStack Nova</entry><entry name='version'>27.1.0</entry><entry name='family'>Virtual Machine</entry></system></sysinfo>
              <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><smbios mode='sysinfo'/></os>
              <features><acpi/><apic/></features>
              <cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model><topology sockets='1' dies='1' cores='1' threads='1'/></cpu>
              <clock offset='utc'><timer name='pit' tickpolicy='delay'/><timer name='rtc' tickpolicy='catchup'/><timer name='hpet' present='no'/></clock>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/><source file='@disk@'/><target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/><source file='@eph@'/><target dev='vdb' bus='virtio'/></disk>
                <disk type='file' device='cdrom'><driver name='qemu' type='raw' cache='none'/><source file='@config@'/><target dev='hda' bus='ide'/><readonly/></disk>
                <interface type='user'><mac address='fa:16:3e:00:00:01'/><model type='virtio'/></interface>
                <serial type='file'><source path='@log@'/><target port='0'/></serial>
                <serial type='pty'><target port='1'/></serial>
                <input type='tablet' bus='usb'/>
                <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                <video><model type='vga'/></video>
                <rng model='virtio'><backend model='random'>/dev/urandom</backend><rate bytes='2048' period='1000'/></rng>
                <memballoon model='virtio'><stats period='10'/></memballoon>
              </devices>
            </domain>
            """, List.of("disk", "eph", "config", "log"));

    static final List<Shape> ALL = List.of(I440FX, Q35, WINDOWS, LINUX_Q35, I440FX_LEGACY, NOVA);

    private CorpusShapes() {
    }
}
