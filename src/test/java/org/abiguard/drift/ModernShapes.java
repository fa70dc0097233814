package org.abiguard.drift;

import java.util.List;

/**
 * The oracle corpus's second set of guest shapes, the ones the rules were not tuned on (issue 21): a Nova-like q35
 * cloud guest with OVMF, NVRAM and a swtpm TPM; a Windows Server-like guest with Secure Boot, SMM and Hyper-V
 * enlightenments (those TCG can run); a NUMA server with distances, DIMM hotplug and an intel IOMMU; a legacy
 * Nova i440fx guest with a pci-bridge. Placeholders as in {@link CorpusShapes}.
 */
final class ModernShapes {
    private ModernShapes() {
    }

    private static final String NOVA_METADATA = "<metadata><nova:instance xmlns:nova=\"http://openstack.org/xmlns/libvirt/nova/1.1\">"
            + "<nova:name>web-1</nova:name></nova:instance></metadata>";

    static final CorpusShapes.Shape NOVA_UEFI = new CorpusShapes.Shape("nova-q35-uefi", """
            <domain type='qemu'>
              <name>@NAME@</name>
              %s
              <memory unit='MiB'>64</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='q35'>hvm</type>
                <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>
                <nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'>/var/lib/libvirt/images/abiguard-test/@NAME@_VARS.fd</nvram>
              </os>
              <features><acpi/><apic/></features>
              <cpu mode='custom' match='exact'><model>qemu64</model><topology sockets='1' dies='1' cores='1' threads='1'/></cpu>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@root@'/><target dev='vda' bus='virtio'/></disk>
                <interface type='user'><mac address='52:54:00:cc:00:01'/><model type='virtio'/><driver rx_queue_size='256'/></interface>
                <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>
                <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """.formatted(NOVA_METADATA), List.of("root"));

    static final CorpusShapes.Shape WINDOWS_SECURE_BOOT = new CorpusShapes.Shape("win-secureboot", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <memory unit='MiB'>64</memory>
              <vcpu>2</vcpu>
              <os><type arch='x86_64' machine='q35'>hvm</type>
                <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.secboot.fd</loader>
                <nvram template='/usr/share/OVMF/OVMF_VARS_4M.ms.fd'>/var/lib/libvirt/images/abiguard-test/@NAME@_VARS.fd</nvram>
              </os>
              <features><acpi/><apic/>
                <hyperv mode='custom'><relaxed state='on'/><vapic state='on'/><spinlocks state='on' retries='8191'/></hyperv>
                <smm state='on'/></features>
              <cpu mode='custom' match='exact'><model>qemu64</model><topology sockets='1' dies='1' cores='2' threads='1'/></cpu>
              <clock offset='localtime'><timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/>
                <timer name='hpet' present='no'/><timer name='hypervclock' present='yes'/></clock>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@system@'/><target dev='sda' bus='sata'/></disk>
                <interface type='user'><mac address='52:54:00:dd:00:01'/><model type='e1000e'/></interface>
                <input type='tablet' bus='usb'/>
                <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>
                <sound model='ich9'/>
                <video><model type='vga'/></video>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """, List.of("system"));

    static final CorpusShapes.Shape NUMA_IOMMU = new CorpusShapes.Shape("numa-iommu", """
            <domain type='qemu'>
              <name>@NAME@</name>
              <maxMemory slots='4' unit='MiB'>1024</maxMemory>
              <memory unit='MiB'>192</memory>
              <vcpu>2</vcpu>
              <os><type arch='x86_64' machine='q35'>hvm</type></os>
              <features><acpi/><apic/><ioapic driver='qemu'/></features>
              <cpu mode='custom' match='exact'><model>qemu64</model><topology sockets='2' dies='1' cores='1' threads='1'/>
                <numa><cell id='0' cpus='0' memory='64' unit='MiB'><distances><sibling id='0' value='10'/><sibling id='1' value='21'/></distances></cell>
                  <cell id='1' cpus='1' memory='64' unit='MiB'><distances><sibling id='0' value='21'/><sibling id='1' value='10'/></distances></cell></numa></cpu>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw' iommu='on'/><source file='@root@'/><target dev='vda' bus='virtio'/></disk>
                <interface type='user'><mac address='52:54:00:ee:00:01'/><model type='virtio'/></interface>
                <memory model='dimm'><target><size unit='MiB'>64</size><node>1</node></target></memory>
                <iommu model='intel'><driver intremap='on' caching_mode='on' aw_bits='48'/></iommu>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """, List.of("root"));

    static final CorpusShapes.Shape I440FX_BRIDGE = new CorpusShapes.Shape("i440fx-bridge", """
            <domain type='qemu'>
              <name>@NAME@</name>
              %s
              <memory unit='MiB'>32</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
              <features><acpi/></features>
              <devices>
                <controller type='pci' index='0' model='pci-root'/>
                <controller type='pci' index='1' model='pci-bridge'/>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@root@'/><target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@volume@'/><target dev='vdb' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x01' function='0x0'/></disk>
                <controller type='scsi' model='virtio-scsi'/>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='@scsi@'/><target dev='sda' bus='scsi'/>
                  <address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>
                <interface type='user'><mac address='52:54:00:ff:00:01'/><model type='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x02' function='0x0'/></interface>
                <sound model='ich6'><codec type='duplex'/></sound>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """.formatted(NOVA_METADATA), List.of("root", "volume", "scsi"));

    static final List<CorpusShapes.Shape> ALL = List.of(NOVA_UEFI, WINDOWS_SECURE_BOOT, NUMA_IOMMU, I440FX_BRIDGE);
}
