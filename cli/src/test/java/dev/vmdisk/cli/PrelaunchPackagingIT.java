package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.vmdisk.cli.PreLaunchCompactIT.ALLOCATED;
import static dev.vmdisk.cli.PreLaunchCompactIT.RECLAIMABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-launch examples under packaging/, tried as a user would: the wrapper and the launchd job's
 * command run against a real bundle with the built vmdisk; the plist parses; the systemd units have
 * what they need and pass {@code systemd-analyze verify} where it runs.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the built vmdisk on the Linux port")
class PrelaunchPackagingIT {
    static final Path PACKAGING = HomebrewFormulaIT.ROOT.resolve("packaging");
    static final String LAUNCHER = HomebrewFormulaIT.ROOT.resolve("vmdisk").toString();

    @TempDir
    Path home;

    @Test
    void theWrapperCompactsTheBundleQuietlyThenStartsTheApp() throws Exception {
        Path bundle = Files.createDirectories(home.resolve("claudevm.bundle"));
        Path image = PreLaunchCompactIT.imageWithZeros(bundle, "rootfs.img");
        String wrapper = PACKAGING.resolve("prelaunch/vmdisk-prelaunch.sh").toString();
        List<String> env = List.of("env", "VMDISK=" + LAUNCHER, "VMDISK_BUNDLE=" + bundle);

        Tools.Result below = Tools.run(concat(env, "VMDISK_IF_RECLAIMABLE=1G", "sh", wrapper, "echo", "app started"));
        assertEquals(new Tools.Result(0, "app started\n", ""), below);
        assertEquals(ALLOCATED, Tools.allocatedBytes(image));

        try (HolderProcess holder = new HolderProcess(image)) {
            Tools.Result busy = Tools.run(concat(env, "VMDISK_IF_RECLAIMABLE=1M", "sh", wrapper, "echo", "app started"));
            assertEquals(new Tools.Result(0, "app started\n", ""), busy);
            assertEquals(ALLOCATED, Tools.allocatedBytes(image));
        }

        Tools.Result over = Tools.run(concat(env, "VMDISK_IF_RECLAIMABLE=1M", "sh", wrapper, "echo", "app started"));
        assertEquals(new Tools.Result(0, "app started\n", ""), over);
        assertEquals(ALLOCATED - RECLAIMABLE, Tools.allocatedBytes(image));

        // No bundle there: said on stderr, and the app starts anyway.
        Tools.Result failed = Tools.run(concat(List.of("env", "VMDISK=" + LAUNCHER, "VMDISK_BUNDLE=" + home.resolve("none")),
                "sh", wrapper, "echo", "app started"));
        assertEquals(0, failed.exitCode(), failed.toString());
        assertEquals("app started\n", failed.stdout());
        assertTrue(failed.stderr().startsWith("vmdisk-prelaunch: no VM bundle at " + home.resolve("none")), failed.toString());
    }

    @Test
    void theLaunchdJobParsesAndItsCommandRunsInAUsersHome() throws Exception {
        String xml = Files.readString(PACKAGING.resolve("launchd/dev.vmdisk.compact.plist"));
        if (Tools.available("plutil")) {
            Tools.run("plutil", "-lint", PACKAGING.resolve("launchd/dev.vmdisk.compact.plist").toString()).orThrow();
        }
        Map<String, Node> plist = plistDict(xml);
        assertEquals("dev.vmdisk.compact", plist.get("Label").getTextContent());
        List<String> args = strings(plist.get("ProgramArguments"));
        assertEquals(List.of("/bin/sh", "-c"), args.subList(0, 2));
        Map<String, Node> when = children((Element) plist.get("StartCalendarInterval"));
        assertEquals("4", when.get("Hour").getTextContent());
        assertEquals("30", when.get("Minute").getTextContent());

        // The command as launchd runs it, for a user whose bundle is where the app keeps it.
        Path bundle = Files.createDirectories(home.resolve("Library/Application Support/Claude/vm_bundles/claudevm.bundle"));
        Files.createDirectories(home.resolve("Library/Logs"));
        Path image = PreLaunchCompactIT.imageWithZeros(bundle, "rootfs.img");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path vmdisk = bin.resolve("vmdisk");
        Files.writeString(vmdisk, "#!/bin/sh\nexec " + LAUNCHER + " \"$@\"\n"); // as installed on PATH
        Files.setPosixFilePermissions(vmdisk, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = home.resolve("Library/Logs/vmdisk-compact.log");

        Tools.Result r = Tools.run(asLaunchd(bin, args.get(2)));
        assertEquals(new Tools.Result(0, "", ""), r);
        assertEquals("", Files.readString(log)); // created by the redirect: the command ran, and said nothing
        assertEquals(ALLOCATED, Tools.allocatedBytes(image)); // 3 MiB to give back is below 1G

        r = Tools.run(asLaunchd(bin, args.get(2).replace("--if-reclaimable 1G", "--if-reclaimable 1M")));
        assertEquals(new Tools.Result(0, "", ""), r);
        assertEquals("", Files.readString(log));
        assertEquals(ALLOCATED - RECLAIMABLE, Tools.allocatedBytes(image));
    }

    /** The job's shell command with launchd's bare environment: HOME and a minimal PATH (plus java for the launcher). */
    private List<String> asLaunchd(Path bin, String command) {
        return List.of("env", "-i", "HOME=" + home, "PATH=" + bin + ":" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin",
                "/bin/sh", "-c", command);
    }

    @Test
    void theSystemdUnitsHaveWhatTheyNeedAndVerify() throws Exception {
        Map<String, String> service = unitKeys(Files.readString(PACKAGING.resolve("systemd/vmdisk-compact.service")));
        Map<String, String> timer = unitKeys(Files.readString(PACKAGING.resolve("systemd/vmdisk-compact.timer")));
        assertEquals("oneshot", service.get("Service.Type"));
        assertTrue(service.get("Service.ExecStart").matches("/\\S+/vmdisk compact --if-reclaimable 1G --skip-busy --quiet \\$\\{BUNDLE}"),
                service.toString());
        assertTrue(service.get("Service.Environment").startsWith("BUNDLE=%h/"), service.toString());
        assertEquals("daily", timer.get("Timer.OnCalendar"));
        assertEquals("true", timer.get("Timer.Persistent"));
        assertEquals("timers.target", timer.get("Install.WantedBy"));

        if (Tools.available("systemd-analyze")) {
            // The units as installed, with ExecStart pointing at this checkout's vmdisk (verify checks it is executable).
            Path units = Files.createDirectories(home.resolve(".config/systemd/user"));
            Files.writeString(units.resolve("vmdisk-compact.service"), Files.readString(PACKAGING.resolve("systemd/vmdisk-compact.service"))
                    .replaceFirst("ExecStart=/\\S+/vmdisk", "ExecStart=" + LAUNCHER));
            Files.copy(PACKAGING.resolve("systemd/vmdisk-compact.timer"), units.resolve("vmdisk-compact.timer"));
            Tools.Result v = Tools.run("systemd-analyze", "verify", "--man=no", units.resolve("vmdisk-compact.service").toString(),
                    units.resolve("vmdisk-compact.timer").toString());
            assertEquals(new Tools.Result(0, "", ""), v);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** The top-level dict of a plist, key to value element; no DTD is fetched. */
    private static Map<String, Node> plistDict(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        assertEquals("plist", root.getTagName());
        Element dict = (Element) root.getElementsByTagName("dict").item(0);
        return children(dict);
    }

    private static Map<String, Node> children(Element dict) {
        Map<String, Node> m = new LinkedHashMap<>();
        String key = null;
        for (Node n = dict.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (e.getTagName().equals("key")) {
                    key = e.getTextContent();
                } else {
                    m.put(key, e);
                }
            }
        }
        return m;
    }

    private static List<String> strings(Node array) {
        List<String> out = new ArrayList<>();
        for (Node n = array.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                assertEquals("string", e.getTagName());
                out.add(e.getTextContent());
            }
        }
        return out;
    }

    /** "Section.Key" to value for an ini-style unit file; comments and blank lines skipped. */
    static Map<String, String> unitKeys(String unit) {
        Map<String, String> m = new LinkedHashMap<>();
        String section = "";
        for (String line : unit.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.length() - 1);
            } else {
                int eq = line.indexOf('=');
                m.put(section + "." + line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }
}
