package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.QuotaUsage;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of a host file system's figures and of a quota, as {@code tmp} and {@code doctor} print them. */
final class HostFsJson {
    private HostFsJson() {
    }

    static Map<String, Object> fileSystem(FsFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalBytes", f.totalBytes());
        m.put("freeBytes", f.freeBytes());
        m.put("availableBytes", f.availableBytes());
        m.put("spacePercentUsed", f.spacePercentUsed());
        m.put("totalInodes", f.inodesKnown() ? f.totalInodes() : null);
        m.put("freeInodes", f.inodesKnown() ? f.freeInodes() : null);
        m.put("inodePercentUsed", f.inodePercentUsed() < 0 ? null : f.inodePercentUsed());
        return m;
    }

    static Map<String, Object> quota(QuotaUsage q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("known", q.known());
        m.put("unknownReason", q.unknown().orElse(null));
        if (q.known()) {
            m.put("usedBytes", q.usedBytes());
            m.put("softLimitBytes", q.softBytes());
            m.put("hardLimitBytes", q.hardBytes());
            m.put("usedInodes", q.usedInodes());
            m.put("softLimitInodes", q.softInodes());
            m.put("hardLimitInodes", q.hardInodes());
            m.put("spacePercentUsed", q.spacePercentUsed());
            m.put("inodePercentUsed", q.inodePercentUsed());
        }
        return m;
    }
}
