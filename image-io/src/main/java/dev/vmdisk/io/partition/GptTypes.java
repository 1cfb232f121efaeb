package dev.vmdisk.io.partition;

import java.util.Map;

/** Names of the GPT partition type GUIDs seen on VM disks, spelled as sfdisk (util-linux) spells them. */
final class GptTypes {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI System"),
            Map.entry("21686148-6449-6E6F-744E-656564454649", "BIOS boot"),
            Map.entry("024DEE41-33E7-11D3-9D69-0008C781F39F", "MBR partition scheme"),
            Map.entry("0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem"),
            Map.entry("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "Linux swap"),
            Map.entry("E6D6D379-F507-44C2-A23C-238F2A3DF928", "Linux LVM"),
            Map.entry("A19D880F-05FC-4D3B-A006-743F0F84911E", "Linux RAID"),
            Map.entry("933AC7E1-2EB4-4F13-B844-0E14E2AEF915", "Linux home"),
            Map.entry("3B8F8425-20E0-4F3B-907F-1A25A76F98E8", "Linux server data"),
            Map.entry("8DA63339-0007-60C0-C436-083AC8230908", "Linux reserved"),
            Map.entry("4D21B016-B534-45C2-A9FB-5C16E091FD2D", "Linux variable data"),
            Map.entry("7EC6F557-3BC5-4ACA-B293-16EF5DF639D1", "Linux temporary data"),
            Map.entry("BC13C2FF-59E6-4262-A352-B275FD6F7172", "Linux extended boot"),
            Map.entry("44479540-F297-41B2-9AF7-D131D5F0458A", "Linux root (x86)"),
            Map.entry("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "Linux root (x86-64)"),
            Map.entry("69DAD710-2CE4-4E3C-B16C-21A1D49ABED3", "Linux root (ARM)"),
            Map.entry("B921B045-1DF0-41C3-AF44-4C6F280D3FAE", "Linux root (ARM-64)"),
            Map.entry("72EC70A6-CF74-40E6-BD49-4BDA08E8F224", "Linux root (RISC-V-64)"),
            Map.entry("75250D76-8CC6-458E-BD66-BD47CC81A812", "Linux /usr (x86)"),
            Map.entry("8484680C-9521-48C6-9C11-B0720656F69E", "Linux /usr (x86-64)"),
            Map.entry("7D0359A3-02B3-4F0A-865C-654403E70625", "Linux /usr (ARM)"),
            Map.entry("B0E01050-EE5F-4390-949A-9101B17104E9", "Linux /usr (ARM-64)"),
            Map.entry("E3C9E316-0B5C-4DB8-817D-F92DF00215AE", "Microsoft reserved"),
            Map.entry("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Microsoft basic data"),
            Map.entry("DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "Windows recovery environment"),
            Map.entry("48465300-0000-11AA-AA11-00306543ECAC", "Apple HFS/HFS+"),
            Map.entry("7C3457EF-0000-11AA-AA11-00306543ECAC", "Apple APFS"),
            Map.entry("516E7CB4-6ECF-11D6-8FF8-00022D09712B", "FreeBSD data"),
            Map.entry("516E7CB5-6ECF-11D6-8FF8-00022D09712B", "FreeBSD swap"),
            Map.entry("516E7CBA-6ECF-11D6-8FF8-00022D09712B", "FreeBSD ZFS"),
            Map.entry("6A898CC3-1DD2-11B2-99A6-080020736631", "Solaris /usr & Apple ZFS"));

    private GptTypes() {
    }

    static String name(Guid type) {
        return NAMES.getOrDefault(type.text(), "unknown");
    }
}
