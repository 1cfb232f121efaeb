package dev.vmdisk.cli;

import dev.vmdisk.io.doctor.Doctor;
import dev.vmdisk.io.doctor.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vmdisk doctor}: one screen of findings that explain why agent sandboxes fail on this host. */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        header = "Explain why agent sandboxes fail here: space, temp dirs, mounts, sockets.",
        description = {"Checks the host volume's free space and each bundle's images (as status does),",
                "the agent temp directories against their file system and quota (as tmp does), this",
                "process's mount namespace against pid 1's and the read-only mounts over /etc, /usr,",
                "/boot, /tmp and $HOME, and whether a Unix socket can be created and bound in $TMPDIR",
                "and /tmp. Each finding says what was checked, what was found, why it matters and",
                "the remedy. Exit 0 when nothing is wrong, 5 when something is. Changes nothing but",
                "a socket it binds and removes."})
final class DoctorCommand extends VmdiskCommand {

    @Mixin
    JsonOption json;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "A VM bundle to check (repeatable; default: the Claude desktop app's on macOS).")
    List<Path> bundles = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<Finding> findings = new Doctor(fs(), Path.of("/proc"), Path.of(System.getProperty("user.home")),
                System.getenv(), System.getProperty("os.name", ""), CurrentUser.uid()).run(bundles);
        if (json.enabled()) {
            out.println(Json.write(JsonDocument.of(toJson(findings))));
        } else {
            printText(out, spec.commandLine().getColorScheme().ansi(), findings);
        }
        return Doctor.anyProblem(findings) ? ExitCode.ENVIRONMENT.code() : ExitCode.OK.code();
    }

    private static void printText(PrintWriter out, Ansi ansi, List<Finding> findings) {
        for (Finding f : findings) {
            String word = switch (f.status()) {
                case OK -> "ok     ";
                case UNKNOWN -> "unknown";
                case WARN -> ansi.string("@|yellow warn   |@");
                case PROBLEM -> ansi.string("@|bold,red PROBLEM|@");
            };
            out.println(word + "  " + f.check() + ": " + DoctorFoundLine.of(f.found()));
            if (!f.why().isEmpty()) {
                out.println("         why: " + f.why());
            }
            if (!f.remedy().isEmpty()) {
                out.println("         fix: " + f.remedy());
            }
        }
        long problems = findings.stream().filter(Finding::problem).count();
        long warnings = findings.stream().filter(f -> f.status() == Finding.Status.WARN).count();
        out.println(problems == 0 && warnings == 0 ? "nothing wrong found"
                : problems + (problems == 1 ? " problem" : " problems") + ", " + warnings + (warnings == 1 ? " warning" : " warnings"));
    }

    static Map<String, Object> toJson(List<Finding> findings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problems", findings.stream().filter(Finding::problem).count());
        m.put("warnings", findings.stream().filter(f -> f.status() == Finding.Status.WARN).count());
        List<Object> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("check", f.check());
            fm.put("status", f.status().word());
            fm.put("found", DoctorFoundLine.of(f.found()));
            fm.put("why", f.why().isEmpty() ? null : f.why());
            fm.put("remedy", f.remedy().isEmpty() ? null : f.remedy());
            list.add(fm);
        }
        m.put("findings", list);
        return m;
    }
}
