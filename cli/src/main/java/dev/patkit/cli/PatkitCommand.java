package dev.patkit.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code patkit} command: its global options, its subcommands, and what they share in one run. */
@Command(name = "patkit", mixinStandardHelpOptions = true, versionProvider = PatkitCommand.Version.class,
        description = "Personal access tokens across GitLab, GitHub, AtomGit and Huawei Cloud ServiceStage.",
        subcommands = {
            StatusCommand.class, TokenCommands.ListTokens.class, TokenCommands.Create.class,
            RotateCommand.class, TokenCommands.Revoke.class, AuditCommand.Run.class,
            ServiceStageCommands.class, PatkitCommand.GitCredential.class, SetupGitCommand.class,
            DemoCommand.class, PatkitCommand.Completion.class, PatkitCommand.Help.class},
        footer = {"", "Run 'patkit help COMMAND' for a command's options and examples, 'patkit help config' for the",
            "configuration and 'patkit help exit-codes' for the exit codes."})
final class PatkitCommand implements Callable<Integer>, AutoCloseable {

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    CommandLine commandLine;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for programs instead of text.")
    boolean json;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Read this properties file instead of $PATKIT_CONFIG or ~/.config/patkit/config.properties.")
    String configFile;

    private Config config;
    private Clients clients;

    PatkitCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    static PatkitCommand of(CommandSpec spec) {
        return (PatkitCommand) spec.root().userObject();
    }

    Config config() {
        if (config == null) {
            config = Config.load(configFile, env);
        }
        return config;
    }

    Clients clients() {
        if (clients == null) {
            clients = new Clients();
        }
        return clients;
    }

    Output output() {
        return new Output(out, err, json, stderrIsTerminal());
    }

    private boolean stderrIsTerminal() {
        java.io.Console console = System.console();
        if (console == null || "dumb".equals(env.get("TERM"))) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; isTerminal() then tells.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public Integer call() {
        commandLine.usage(err);
        return ExitCodes.USAGE;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"patkit " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    /** {@code patkit git-credential}: see {@link GitCredentialCommand}. */
    @Command(name = "git-credential", mixinStandardHelpOptions = true,
            description = {"git's credential helper: reads git's request on standard input and answers with the",
                "configured token of the host (git help credential). Plain http only to a loopback host whose",
                "configured URL is http. A malformed request (CR, NUL or other control character, a key given",
                "twice, a line without '=') gets no answer and exit 2."},
            footer = {"", "Examples:", "  patkit setup-git                      # configure git for every configured host",
                "  printf 'protocol=https\\nhost=gitlab.com\\n\\n' | patkit git-credential get"})
    static final class GitCredential implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ACTION", description = "get, store or erase (store and erase change nothing)",
                completionCandidates = Actions.class)
        String action;

        @Override
        public Integer call() {
            if (!java.util.Set.of("get", "store", "erase").contains(action)) {
                throw CliException.usage("git-credential takes get, store or erase, not '" + action + "'.");
            }
            PatkitCommand root = of(spec);
            return GitCredentialCommand.run(action, root.configFile, root.in, root.out, root.err, root.env);
        }
    }

    /** Completion candidates of git-credential. */
    static final class Actions extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Actions() {
            super(java.util.List.of("get", "store", "erase"));
        }
    }

    /** {@code patkit completion bash|zsh}. */
    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = "Print a shell completion script for bash or zsh.",
            footer = {"", "Examples:", "  source <(patkit completion bash)        # in ~/.bashrc",
                "  source <(patkit completion zsh)         # in ~/.zshrc"})
    static final class Completion implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
        String shell;

        @Override
        public Integer call() {
            PatkitCommand root = of(spec);
            String script = AutoComplete.bash("patkit", root.commandLine);
            switch (shell.toLowerCase(java.util.Locale.ROOT)) {
                case "bash" -> root.out.print(script);
                case "zsh" -> root.out.print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                        + script);
                default -> throw CliException.usage("completion takes bash or zsh, not '" + shell + "'.");
            }
            root.out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code patkit help [COMMAND | config | exit-codes]}. */
    @Command(name = "help", mixinStandardHelpOptions = true,
            description = "Show help for a command, the configuration (config) or the exit codes (exit-codes).",
            footer = {"", "Examples:", "  patkit help rotate", "  patkit help servicestage register",
                "  patkit help config", "  patkit help exit-codes"})
    static final class Help implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "TOPIC", description = "a command, config or exit-codes")
        java.util.List<String> topic = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            PatkitCommand root = of(spec);
            if (topic.isEmpty()) {
                root.commandLine.usage(root.out);
                return ExitCodes.OK;
            }
            switch (topic.get(0)) {
                case "exit-codes" -> {
                    root.out.println(ExitCodes.table());
                    return ExitCodes.OK;
                }
                case "config" -> {
                    root.out.print(Config.HELP);
                    return ExitCodes.OK;
                }
                default -> {
                    CommandLine target = root.commandLine;
                    for (String word : topic) {
                        CommandLine sub = target.getSubcommands().get(word);
                        if (sub == null) {
                            java.util.List<String> known = new java.util.ArrayList<>(target.getSubcommands().keySet());
                            if (target == root.commandLine) {
                                known.add("config");
                                known.add("exit-codes");
                            }
                            throw CliException.usage("No help topic '" + String.join(" ", topic) + "'."
                                    + Suggest.closest(word, known).map(c -> " Did you mean " + c + "?").orElse("")
                                    + " Topics: " + known + ".");
                        }
                        target = sub;
                    }
                    target.usage(root.out);
                    return ExitCodes.OK;
                }
            }
        }
    }
}
