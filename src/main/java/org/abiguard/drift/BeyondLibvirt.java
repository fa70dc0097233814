package org.abiguard.drift;

/**
 * The changes libvirt's ABI check lets through although the guest notices them: guest-visible, not
 * libvirt ABI. Each reason is one line and is shown to operators after "libvirt's check does not cover
 * this:"; docs/drift-rules.md gives the evidence for each.
 */
final class BeyondLibvirt {
    static final Rule USB_PORT = Rule.beyond(Category.DEVICE_ADDRESS,
            "the device sits on another USB port: the guest's device path (udev by-path, Windows' per-port device instance) changes");
    static final Rule USB_COMPANION = Rule.beyond(Category.DEVICE_MODEL,
            "a UHCI companion's startport decides which EHCI ports it serves: USB 1.1 devices appear on other ports");
    static final Rule CLOCK_OFFSET = Rule.beyond(Category.GUEST_VISIBLE_OTHER,
            "the guest's RTC starts at another time: Windows keeps the RTC in local time, Linux in UTC");
    static final Rule ROOT_PORT = Rule.beyond(Category.DEVICE_MODEL,
            "a PCIe root port's chassis/port is the slot number the guest reads (Linux ensN/enpNsM names); another model is another PCI device");
    static final Rule OEM_STRINGS = Rule.beyond(Category.GUEST_VISIBLE_OTHER,
            "SMBIOS OEM strings (type 11) are read by the guest: dmidecode, cloud-init, Windows provisioning");
    static final Rule SCSI_INQUIRY = Rule.beyond(Category.DEVICE_MODEL,
            "the SCSI INQUIRY vendor/product are what the guest names the disk by (/dev/disk/by-id, Windows' device instance)");

    private BeyondLibvirt() {
    }
}
