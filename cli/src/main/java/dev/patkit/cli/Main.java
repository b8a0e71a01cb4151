package dev.patkit.cli;

import dev.patkit.core.PatkitException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code patkit} command line. {@code patkit help} lists the commands; {@code patkit help
 * exit-codes} the exit codes every command keeps to.
 *
 * <p>{@code patkit git-credential get|store|erase} is answered before picocli or any other part
 * of the command is loaded, so git's frequent calls stay cheap.
 */
public final class Main {

    private static final Set<String> GIT_ACTIONS = Set.of("get", "store", "erase");

    private Main() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int code = run(Arrays.asList(args), System.in, out, System.err, System.getenv());
        out.flush();
        System.exit(code);
    }

    /**
     * Runs a command.
     *
     * @param argv the arguments
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param env the environment
     * @return the exit code ({@code patkit help exit-codes})
     */
    public static int run(List<String> argv, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        if (argv.size() == 2 && argv.get(0).equals("git-credential") && GIT_ACTIONS.contains(argv.get(1))) {
            return GitCredentialCommand.run(argv.get(1), null, in, out, err, env);
        }
        if (argv.size() == 4 && argv.get(0).equals("git-credential") && argv.get(1).equals("--config")
                && GIT_ACTIONS.contains(argv.get(3))) {
            return GitCredentialCommand.run(argv.get(3), argv.get(2), in, out, err, env);
        }
        PatkitCommand root = new PatkitCommand(in, out, err, env);
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((ex, args) -> mistake(ex, err));
        cli.setExecutionExceptionHandler((ex, command, parsed) -> failure(ex, err));
        root.commandLine = cli;
        try {
            return cli.execute(argv.toArray(String[]::new));
        } finally {
            root.close();
        }
    }

    /** A mistake in the command line: one sentence saying what to do, exit 2. */
    static int mistake(ParameterException ex, PrintStream err) {
        CommandLine cmd = ex.getCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        String name = spec.qualifiedName(" ");
        String message = ex.getMessage();
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : cmd.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            // An unknown option explains the rest (a misspelt required option is also "missing").
            String typed = unmatched.get(0);
            String word = typed.contains("=") && typed.startsWith("-") ? typed.substring(0, typed.indexOf('=')) : typed;
            List<String> candidates = new ArrayList<>();
            if (word.startsWith("-")) {
                for (OptionSpec o : spec.options()) {
                    candidates.addAll(Arrays.asList(o.names()));
                }
            } else {
                candidates.addAll(spec.subcommands().keySet());
            }
            String hint = Suggest.closest(word, candidates).map(c -> " Did you mean " + c + "?").orElse("");
            message = (word.startsWith("-") ? "unknown option '" + word + "'."
                    : spec.subcommands().isEmpty() ? "unexpected argument '" + word + "'."
                    : "unknown command '" + word + "'.") + hint;
        } else if (message != null && message.startsWith("Missing required")) {
            message = message.replace("Missing required option: ", "missing ")
                    .replace("Missing required options: ", "missing ")
                    .replace("Missing required argument", "missing argument")
                    .replace("Missing required parameter: ", "missing ");
        }
        if (message != null && !message.endsWith(".") && !message.endsWith("?")) {
            message = message + ".";
        }
        String help = spec.root() == spec ? "patkit help" : "patkit help " + name.substring("patkit ".length());
        err.println(name + ": " + message + " Run '" + help + "'.");
        return ExitCodes.USAGE;
    }

    /** The SDK's messages name Java methods where a command user needs a flag. */
    private static final Map<String, String> JAVA_TO_CLI = Map.of(
            "TokenSpec.forOwner", "--for-user USER_ID",
            "forOwner(userId)", "--for-user USER_ID",
            "listGrants(org, query)", "the organisation's settings");

    static String inCliTerms(String message) {
        String out = message;
        for (Map.Entry<String, String> e : JAVA_TO_CLI.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** A failure while running: the message (never a stack trace), and the documented exit code. */
    static int failure(Exception ex, PrintStream err) {
        if (ex instanceof CliException c) {
            err.println("patkit: " + c.getMessage());
            return c.exitCode();
        }
        if (ex instanceof PatkitException p) {
            err.println("patkit: " + inCliTerms(p.getMessage()));
            return ExitCodes.of(p);
        }
        if (ex instanceof IllegalArgumentException) {
            err.println("patkit: " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("patkit: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        return ExitCodes.OTHER;
    }
}
