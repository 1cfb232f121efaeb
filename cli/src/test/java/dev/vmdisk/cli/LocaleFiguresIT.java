package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text of inspect, du and status reads the same whatever the JVM's locale: a German Mac gives the
 * JVM de_DE, whose decimal comma made du print {@code 4,0K}; Arabic locales would print other digits.
 * Runs the real jar in each locale.
 */
class LocaleFiguresIT {
    @TempDir
    Path dir;

    Tools.Result vmdisk(String language, String country, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=" + language, "-Duser.country=" + country,
                "-jar", GeneratedDocsIT.TARGET.resolve("vmdisk.jar").toString()));
        cmd.addAll(List.of(args));
        return Tools.run(cmd.toArray(String[]::new));
    }

    @Test
    void inspectDuAndStatusPrintTheSameFiguresInEveryLocale() {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        for (String[] command : new String[][] {{"inspect", image.toString()}, {"du", image.toString()}, {"status", dir.toString()},
                {"inspect", "--color=always", image.toString()}, {"du", "--color=always", image.toString()}}) {
            Tools.Result root = vmdisk("en", "US", command);
            assertEquals(0, root.exitCode(), root.stderr());
            for (String[] locale : new String[][] {{"de", "DE"}, {"fr", "FR"}, {"ar", "EG"}, {"hi", "IN"}}) {
                Tools.Result other = vmdisk(locale[0], locale[1], command);
                assertEquals(stable(root.stdout()), stable(other.stdout()), command[0] + " under " + locale[0] + "_" + locale[1]);
            }
            if (command[0].equals("status")) {
                assertTrue(VOLUME_LINE.matcher(root.stdout()).find(), "the volume line is there to compare: " + root.stdout());
            }
            if (command[0].equals("du") && command.length == 2) {
                assertTrue(root.stdout().contains("."), root.stdout());
            }
        }
    }

    /**
     * The host volume's free space moves while other programs write (the machine is shared), so its line is compared
     * by the form of its figures only: each run of ASCII digits becomes one {@code #}. "63.5 GiB" and "63.4 GiB" both
     * read "#.# GiB"; a decimal comma ("#,# GiB") or another script's digits still differ.
     */
    static String stable(String screen) {
        return VOLUME_LINE.matcher(screen).replaceAll(m -> Matcher.quoteReplacement(m.group().replaceAll("[0-9]+", "#")));
    }

    private static final Pattern VOLUME_LINE = Pattern.compile("(?m)^host volume .*$");

    @Test
    void theVolumeLineKeepsTheFormOfItsFigures() {
        String line = "host volume /System/Volumes/Data (/dev/disk3s5): 38% used, 63.5 GiB available of 252.0 GiB";
        assertEquals("host volume /System/Volumes/Data (/dev/disk#s#): #% used, #.# GiB available of #.# GiB", stable(line));
        assertEquals(stable(line), stable(line.replace("63.5", "9.1").replace("38%", "97%")), "moving figures match");
        assertNotEquals(stable(line), stable(line.replace("63.5", "63,5")), "a decimal comma does not");
        assertNotEquals(stable(line), stable(line.replace("38", "\u0663\u0668")), "nor Arabic-Indic digits");
        assertEquals("  image  32.0 MiB", stable("  image  32.0 MiB"), "other lines are compared as they are");
    }
}
