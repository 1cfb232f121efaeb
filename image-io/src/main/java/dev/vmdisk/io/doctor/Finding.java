package dev.vmdisk.io.doctor;

/**
 * One thing {@code vmdisk doctor} looked at.
 *
 * @param check  what was checked, e.g. "mount namespace"
 * @param status how it stands
 * @param found  what was found, one line
 * @param why    why it matters (empty when all is well)
 * @param remedy what to do (empty when all is well)
 */
public record Finding(String check, Status status, String found, String why, String remedy) {

    public enum Status {
        OK, WARN, PROBLEM,
        /** It could not be checked here; says why in {@code found}. */
        UNKNOWN;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Finding ok(String check, String found) {
        return new Finding(check, Status.OK, found, "", "");
    }

    public static Finding unknown(String check, String found) {
        return new Finding(check, Status.UNKNOWN, found, "", "");
    }

    public boolean problem() {
        return status == Status.PROBLEM;
    }
}
