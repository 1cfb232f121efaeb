package dev.vmdisk.io.bundle;

/**
 * What a file of the Claude app's VM bundle is, by name (and, for a download, by whether a process holds it),
 * and whether the app needs it as far as is known (the app's behaviour is not documented by its vendor; what
 * is known was gathered from user reports). vmdisk removes none of them on its own.
 */
public enum BundleFileKind {
    IMAGE("disk image", Needed.YES),
    BASE("base of an image", Needed.YES),
    KERNEL("guest kernel", Needed.YES),
    INITRD("guest initrd", Needed.YES),
    KERNEL_FILE_BASE("compressed base of a kernel file", Needed.YES),
    RELEASE_MARKER("release marker", Needed.YES),
    APP_MARKER("app marker", Needed.YES),
    VM_SETTING("VM setting", Needed.YES),
    DOWNLOAD_IN_PROGRESS("download in progress", Needed.YES),
    STALLED_DOWNLOAD("stalled download", Needed.UNKNOWN),
    RESET_LEFTOVER("vmdisk leftover", Needed.NO),
    KEPT_OLD_IMAGE("old image kept by vmdisk reset --keep-old", Needed.NO),
    /** {@code vm_bundles/warm/<release>/}: the next release, fetched ahead; whether the app needs it is not known. */
    WARM_COPY("copy of a release fetched ahead", Needed.UNKNOWN),
    OTHER("other", Needed.UNKNOWN);

    /** Whether the app needs a file of this kind. */
    public enum Needed {
        YES("yes"), NO("no"), UNKNOWN("unknown");

        private final String word;

        Needed(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private final String displayName;
    private final Needed needed;

    BundleFileKind(String displayName, Needed needed) {
        this.displayName = displayName;
        this.needed = needed;
    }

    public String displayName() {
        return displayName;
    }

    public Needed neededByApp() {
        return needed;
    }
}
