package dev.patkit.examples.cli;

import dev.patkit.core.PatkitException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code patkit} command line: inspect, list, create, rotate, revoke and audit tokens across
 * GitLab, GitHub, AtomGit and ServiceStage; manage ServiceStage authorizations; act as git's
 * credential helper; and run the demo against embedded fake forges.
 */
public final class Main {

    static final String USAGE = """
            Usage: patkit <command> [options]

              inspect    [--provider ID]                     whose token is it, what may it do, when does it die
              list       --provider ID [--state active|inactive] [--search TEXT] [--owner ID]
              create     --provider ID --name NAME --scopes a,b [--expires YYYY-MM-DD] [--description TEXT]
                         (--store-file FILE | --show-secret)
              rotate     --provider gitlab --id ID|self (--store-file FILE | --show-secret) [--expires YYYY-MM-DD]
                         [--servicestage-auth NAME]... [--journal DIR] [--plan ID]
              revoke     --provider ID --id ID
              audit      [--within 30d] [--needs gitlab:read_api,github:repo]
              servicestage list | register --name N --repo-type github|gitlab (--token-provider ID | --token-file F) [--host URL]
                         | delete --name N | replace --name OLD --new-name NEW (--token-provider ID | --token-file F)
              git-credential get|store|erase                 git's credential-helper protocol on stdin/stdout
              demo                                           walk through Patkit against embedded fake forges

            Options for every command: --json (machine-readable output), --config FILE, --help.
            Configuration: GITLAB_TOKEN / GITLAB_TOKEN_FILE / GITLAB_URL, GITHUB_TOKEN / GITHUB_URL,
            ATOMGIT_TOKEN / ATOMGIT_URL, SERVICESTAGE_TOKEN or SERVICESTAGE_AK + SERVICESTAGE_SK,
            SERVICESTAGE_URL or SERVICESTAGE_REGION + SERVICESTAGE_PROJECT_ID; or the same keys in a
            properties file (gitlab.token-file=..., gitlab.url=...) given by --config or $PATKIT_CONFIG.
            """;

    private Main() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.in, System.out, System.err, System.getenv());
        System.out.flush();
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
     * @return the exit code (see {@link ExitCodes})
     */
    public static int run(List<String> argv, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("help")) {
                out.print(USAGE);
                out.println(ExitCodes.table());
                return argv.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
            }
            String command = argv.get(0);
            Args args = new Args(argv.subList(1, argv.size()));
            if (args.flag("--help")) {
                out.print(USAGE);
                return ExitCodes.OK;
            }
            Output output = new Output(out, err, args.flag("--json"));
            if (command.equals("git-credential")) {
                return GitCredentialCommand.run(args, in, out, Config.load(args.get("--config"), env));
            }
            if (command.equals("demo")) {
                return Demo.run(output);
            }
            Config config = Config.load(args.get("--config"), env);
            try (Commands commands = new Commands(config, output)) {
                return switch (command) {
                    case "inspect" -> commands.inspect(args);
                    case "list" -> commands.list(args);
                    case "create" -> commands.create(args);
                    case "rotate" -> commands.rotate(args);
                    case "revoke" -> commands.revoke(args);
                    case "audit" -> commands.audit(args);
                    case "servicestage" -> commands.servicestage(args);
                    default -> throw CliException.usage("Unknown command '" + command + "'. Run 'patkit --help'.");
                };
            }
        } catch (CliException e) {
            err.println("patkit: " + e.getMessage());
            return e.exitCode();
        } catch (PatkitException e) {
            err.println("patkit: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IllegalArgumentException e) {
            err.println("patkit: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
