package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The man pages and completions {@code mvn package} made (BuildDocs, asciidoctor) are there, cover every command, and parse. */
class GeneratedDocsIT {
    static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target");

    static Set<String> subcommands() {
        return Main.commandLine(new Main(new LazyNativeFs(() -> null))).getSubcommands().keySet();
    }

    @Test
    void aRoffManPageForVmdiskAndEachCommandThatGroffReadsCleanly() throws IOException {
        Tools.require("groff");
        String main = Files.readString(TARGET.resolve("man/vmdisk.1"));
        assertTrue(main.startsWith("'\\\" t") || main.contains(".TH \"VMDISK\" \"1\""), main);
        for (String sub : subcommands()) {
            assertTrue(main.contains(sub), sub + " missing from vmdisk.1");
            Path page = TARGET.resolve("man/vmdisk-" + sub + ".1");
            assertTrue(Files.isRegularFile(page), page + " missing");
            Tools.Result r = Tools.run("groff", "-man", "-Tutf8", "-ww", "-z", page.toString()).orThrow();
            assertEquals("", r.stderr(), page + ": groff warned");
        }
    }

    @Test
    void bashCompletesEveryCommandName() throws IOException {
        Tools.require("bash");
        Path script = TARGET.resolve("completions/vmdisk.bash");
        String text = Files.readString(script);
        for (String sub : subcommands()) {
            assertTrue(text.contains(sub), sub + " missing from " + script);
        }
        // The real completion function, as bash runs it on <TAB> after "vmdisk ".
        Tools.Result r = Tools.run("bash", "-c", "source \"$0\"; COMP_WORDS=(vmdisk ''); COMP_CWORD=1; COMP_LINE='vmdisk ';"
                + " COMP_POINT=7; _complete_vmdisk; printf '%s\\n' \"${COMPREPLY[@]}\"", script.toString()).orThrow();
        assertEquals(subcommands(), Set.copyOf(r.stdout().lines().filter(l -> !l.startsWith("-")).toList()), r.stdout());
        Tools.Result st = Tools.run("bash", "-c", "source \"$0\"; COMP_WORDS=(vmdisk status --j); COMP_CWORD=2;"
                + " _complete_vmdisk; printf '%s\\n' \"${COMPREPLY[@]}\"", script.toString()).orThrow();
        assertEquals("--json", st.stdout().strip());
    }

    @Test
    void zshLoadsTheCompletionFile() throws IOException {
        Tools.require("zsh");
        Path file = TARGET.resolve("completions/_vmdisk");
        String text = Files.readString(file);
        assertTrue(text.startsWith("#compdef vmdisk\n"), text);
        for (String sub : subcommands()) {
            assertTrue(text.contains(sub), sub + " missing from " + file);
        }
        Tools.run("zsh", "-n", file.toString()).orThrow();
        // Defined as zsh autoloads it: the bash function and the bashcompinit glue are there afterwards.
        Tools.Result r = Tools.run("zsh", "-f", "-c", "autoload -U compinit && compinit -u -D;"
                + " source <(sed '$d' \"$0\"); whence -w _complete_vmdisk _bash_complete", file.toString()).orThrow();
        assertEquals("_complete_vmdisk: function\n_bash_complete: function\n", r.stdout());
    }

    @Test
    void fishCompletesEveryCommandNameAndItsOptions() throws IOException {
        Tools.require("fish");
        Path file = TARGET.resolve("completions/vmdisk.fish");
        Tools.run("fish", "--no-execute", file.toString()).orThrow();
        Tools.Result r = Tools.run("fish", "--no-config", "-c", "source $argv[1]; complete -C 'vmdisk '", file.toString()).orThrow();
        Set<String> offered = Set.copyOf(r.stdout().lines().map(l -> l.split("\t")[0]).filter(w -> !w.startsWith("-")).toList());
        assertEquals(subcommands(), offered, r.stdout());
        Tools.Result json = Tools.run("fish", "--no-config", "-c", "source $argv[1]; complete -C 'vmdisk status --j'", file.toString()).orThrow();
        assertTrue(json.stdout().startsWith("--json\t"), json.stdout());
    }
}
