package dev.vmdisk.cli;

import dev.vmdisk.testdata.SessionDisk;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guest's own kernel as a second judge: prune on one copy of a session disk, and on another the same
 * entries removed through a loop mount with {@code rm -rf}; both must leave the same free blocks and free
 * inodes, and the same names. Needs root and a loop device; skipped (with the reason) without them.
 */
@EnabledOnOs(OS.LINUX)
class PruneKernelIT {
    @TempDir
    Path dir;

    @Test
    void pruneFreesWhatRmRfFreesOnTheKernel() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "loop-mounting needs root");
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now());
        Path byHand = dir.resolve("by-hand.img");
        Tools.run("cp", "--sparse=always", disk.image.toString(), byHand.toString()).orThrow();
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Tools.Result m = Tools.run("mount", "-o", "loop", byHand.toString(), mnt.toString());
        Assumptions.assumeTrue(m.exitCode() == 0, () -> "cannot loop-mount an ext4 image here: " + m.stderr().strip());
        try {
            List<String> rm = new ArrayList<>(List.of("rm", "-rf", "--"));
            disk.stale.stream().filter(n -> !n.equals("keep-me")).forEach(n -> rm.add(mnt.resolve(n).toString()));
            Tools.run(rm).orThrow();
        } finally {
            Tools.run("umount", mnt.toString()).orThrow();
        }
        CliRun r = CliRun.of("prune", "--keep", "keep-me", disk.image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(0, PruneTrees.fsck(disk.image).exitCode());
        assertEquals(0, PruneTrees.fsck(byHand).exitCode());
        assertEquals(counts(byHand), counts(disk.image), "free blocks and inodes after rm -rf and after prune");
        assertEquals(PruneTrees.names(byHand, "/"), PruneTrees.names(disk.image, "/"));
    }

    private static List<Long> counts(Path image) {
        String out = Tools.run("dumpe2fs", "-h", image.toString()).orThrow().stdout();
        List<Long> c = new ArrayList<>();
        for (String field : new String[] {"Free blocks", "Free inodes"}) {
            Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+)").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no " + field + " in " + out);
            }
            c.add(Long.parseLong(m.group(1)));
        }
        return c;
    }
}
