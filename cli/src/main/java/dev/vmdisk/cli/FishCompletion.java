package dev.vmdisk.cli;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fish completion script made from the picocli model (picocli 4.7 generates bash only):
 * subcommand names while none is given, then each subcommand's options; files for parameters.
 */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(CommandSpec root) {
        String name = root.name();
        List<String> lines = new ArrayList<>();
        lines.add("# fish completion for " + name + ", generated from its picocli model at build time.");
        lines.add("complete -c " + name + " -e");
        for (OptionSpec o : root.options()) {
            lines.add(option(name, "__fish_use_subcommand", o));
        }
        for (Map.Entry<String, picocli.CommandLine> e : root.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            lines.add("complete -c " + name + " -n __fish_use_subcommand -f -a " + e.getKey()
                    + " -d " + quote(firstLine(sub.usageMessage().header().length > 0
                    ? sub.usageMessage().header() : sub.usageMessage().description())));
        }
        for (Map.Entry<String, picocli.CommandLine> e : root.subcommands().entrySet()) {
            String condition = "__fish_seen_subcommand_from " + e.getKey();
            CommandSpec sub = e.getValue().getCommandSpec();
            if ("help".equals(e.getKey())) {
                lines.add("complete -c " + name + " -n " + quote(condition) + " -f -a "
                        + quote(String.join(" ", root.subcommands().keySet())));
            }
            for (OptionSpec o : sub.options()) {
                lines.add(option(name, condition, o));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String option(String command, String condition, OptionSpec o) {
        StringBuilder sb = new StringBuilder("complete -c ").append(command).append(" -n ").append(quote(condition));
        for (String n : o.names()) {
            if (n.startsWith("--")) {
                sb.append(" -l ").append(n.substring(2));
            } else if (n.startsWith("-") && n.length() == 2) {
                sb.append(" -s ").append(n.substring(1));
            }
        }
        if (takesValue(o)) {
            sb.append(" -r");
        }
        return sb.append(" -d ").append(quote(firstLine(o.description()))).toString();
    }

    private static boolean takesValue(ArgSpec a) {
        return a.arity().max() > 0 && !a.type().equals(boolean.class) && !a.type().equals(Boolean.class);
    }

    /** The first sentence of a description whose lines may break mid-sentence. */
    private static String firstLine(String[] description) {
        if (description.length == 0) {
            return "";
        }
        String s = String.join(" ", description).replace("%n", " ").replace("%%", "%");
        int stop = s.indexOf(". ");
        return (stop > 0 ? s.substring(0, stop) : s).replaceAll("\\.$", "").strip();
    }

    /** A fish single-quoted string: only backslash and quote need escaping. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
