package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The holder object of every command's JSON ({@code holders}, {@code inspect}, {@code status}): who holds
 * one image. The image's path is not in it; the object it sits in names the image.
 */
final class HolderOutput {
    private HolderOutput() {
    }

    /** {@code held}, {@code processes} (each {@code pid}, {@code name}, {@code command}, {@code holds}), {@code uncheckedProcesses}. */
    static Map<String, Object> json(HolderReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("held", r.held());
        List<Object> processes = new ArrayList<>();
        for (Holder h : r.holders()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("pid", h.pid());
            hm.put("name", h.name());
            hm.put("command", h.command());
            List<Object> holds = new ArrayList<>();
            for (Hold hold : h.holds()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("kind", hold.kind().word());
                x.put("detail", hold.detail());
                holds.add(x);
            }
            hm.put("holds", holds);
            processes.add(hm);
        }
        m.put("processes", processes);
        m.put("uncheckedProcesses", r.unchecked());
        return m;
    }
}
