package dev.vmdisk.io.doctor;

/**
 * One thing {@code vmdisk doctor} looked at.
 *
 * @param check  what was checked, e.g. "mount namespace"
 * @param status how it stands
 * @param found  what was found: figures cli words as one line, or the line
 * @param why    why it matters (empty when all is well)
 * @param remedy what to do (empty when all is well)
 */
public record Finding(String check, Status status, Found found, String why, String remedy) {

    /** A finding whose {@code found} is a line with no figure to format. */
    public Finding(String check, Status status, String found, String why, String remedy) {
        this(check, status, new Found.Text(found), why, remedy);
    }

    public enum Status {
        OK, WARN, PROBLEM,
        /** It could not be checked here; says why in {@code found}. */
        UNKNOWN;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Finding ok(String check, String found) {
        return ok(check, new Found.Text(found));
    }

    public static Finding ok(String check, Found found) {
        return new Finding(check, Status.OK, found, "", "");
    }

    public static Finding unknown(String check, String found) {
        return new Finding(check, Status.UNKNOWN, found, "", "");
    }

    public boolean problem() {
        return status == Status.PROBLEM;
    }
}
