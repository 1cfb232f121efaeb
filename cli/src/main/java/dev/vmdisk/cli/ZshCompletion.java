package dev.vmdisk.cli;

/**
 * The zsh completion file {@code _vmdisk}: picocli's bash script run through zsh's bashcompinit, as
 * picocli documents for zsh. zsh autoloads the file on the first completion, so its last line completes
 * that first time too; later completions go straight to the function the script registered.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    static String script(String bashScript) {
        return "#compdef vmdisk\n"
                + "# zsh completion for vmdisk, generated from its picocli model at build time.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bashScript
                + "\n_bash_complete -F _complete_vmdisk\n";
    }
}
