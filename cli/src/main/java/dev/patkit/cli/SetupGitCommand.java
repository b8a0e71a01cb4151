package dev.patkit.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patkit setup-git}: makes {@code patkit git-credential} git's credential helper for each
 * configured git host, as {@code gh auth setup-git} does: for {@code https://HOST} (or
 * {@code http://HOST} for a loopback host configured with an http URL) it clears the helpers git
 * inherited and adds {@code !'/path/to/bin/patkit' git-credential}.
 */
@Command(name = "setup-git", mixinStandardHelpOptions = true,
        description = {"Configure git (git config --global) to ask patkit for the token of every configured git host.",
            "The host git asks about is <PROVIDER>_GIT_HOST or <provider>.git-host, else the API host without 'api.'."},
        footer = {"", "Examples:", "  patkit setup-git", "  patkit setup-git --host gitlab.example.com --dry-run"})
final class SetupGitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "only this git host")
    String host;

    @Option(names = "--dry-run", description = "print the git commands instead of running them")
    boolean dryRun;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PatkitCommand root = PatkitCommand.of(spec);
        Output out = root.output();
        String launcher = System.getProperty("patkit.launcher", "patkit");
        List<Config.Profile> profiles = root.config().profiles().stream()
                .filter(p -> !p.provider().equals("servicestage"))
                .filter(p -> host == null || p.gitHost().equalsIgnoreCase(host)).toList();
        if (profiles.isEmpty()) {
            throw CliException.usage(host == null ? "No git host is configured; set GITLAB_TOKEN_FILE or GITHUB_TOKEN_FILE"
                    + " (see 'patkit help config')." : "No configured git host is '" + host + "'.");
        }
        List<java.util.Map<String, Object>> done = new ArrayList<>();
        for (Config.Profile p : profiles) {
            boolean http = p.url().getScheme().equals("http") && GitHost.isLoopback(p.gitHost());
            String key = "credential." + (http ? "http" : "https") + "://" + p.gitHost() + ".helper";
            List<List<String>> commands = List.of(
                    List.of("git", "config", "--global", "--replace-all", key, ""),
                    List.of("git", "config", "--global", "--add", key, "!'" + launcher + "' git-credential"));
            for (List<String> cmd : commands) {
                if (dryRun && !out.json()) {
                    out.out().println(String.join(" ", quote(cmd)));
                } else if (!dryRun) {
                    run(cmd, root);
                }
            }
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("profile", p.name());
            m.put("key", key);
            m.put("helper", commands.get(1).get(5));
            m.put("written", !dryRun);
            done.add(m);
            if (!dryRun && !out.json()) {
                out.out().println("git now asks patkit for " + (http ? "http" : "https") + "://" + p.gitHost()
                        + " (" + p.name() + ")");
            }
        }
        if (out.json()) {
            out.json(done);
        }
        return ExitCodes.OK;
    }

    private static List<String> quote(List<String> cmd) {
        List<String> out = new ArrayList<>();
        for (String c : cmd) {
            out.add(c.isEmpty() || c.contains(" ") || c.contains("!") ? "'" + c.replace("'", "'\\''") + "'" : c);
        }
        return out;
    }

    private static void run(List<String> cmd, PatkitCommand root) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(root.env);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new CliException(ExitCodes.OTHER, "'" + String.join(" ", cmd) + "' failed: "
                    + new String(output, java.nio.charset.StandardCharsets.UTF_8).strip());
        }
    }
}
