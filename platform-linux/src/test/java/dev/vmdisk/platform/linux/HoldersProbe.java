package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.HolderReport;

import java.nio.file.Path;

/** Prints {@link LinuxNativeFs#holders} of one file, one line per hold; run by a test as another user. */
public final class HoldersProbe {
    private HoldersProbe() {
    }

    public static void main(String[] args) {
        HolderReport r = new LinuxNativeFs(LinuxLibc.INSTANCE).holders(Path.of(args[0]));
        System.out.println("unchecked " + r.unchecked());
        r.holders().forEach(h -> h.holds().forEach(x -> System.out.println("hold " + h.pid() + " " + x.kind() + " " + x.detail())));
    }
}
