package dev.patkit.cli;

import dev.patkit.core.Authorization;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.rotation.RotationEvent;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.Registration;
import dev.patkit.servicestage.ReplaceReport;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patkit servicestage list|register|delete|replace}: ServiceStage's repository authorizations. */
@Command(name = "servicestage", mixinStandardHelpOptions = true,
        description = "Manage Huawei Cloud ServiceStage repository authorizations (needs SERVICESTAGE_TOKEN or AK/SK).",
        subcommands = {ServiceStageCommands.ListAuths.class, ServiceStageCommands.Register.class,
            ServiceStageCommands.Delete.class, ServiceStageCommands.Replace.class})
final class ServiceStageCommands implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw CliException.usage("servicestage needs an action: list, register, delete or replace."
                + " Run 'patkit help servicestage'.");
    }

    static ServiceStageClient stage(CommandSpec spec) {
        PatkitCommand root = PatkitCommand.of(spec);
        return root.clients().client(root.config().require("servicestage", null)).unwrap(ServiceStageClient.class);
    }

    /** The token to register: a configured provider's, or a file's. */
    static final class TokenChoice {
        @Option(names = "--token-provider", required = true, paramLabel = "ID",
                completionCandidates = TokenCommands.ProviderIds.class,
                description = "register this configured provider's token (gitlab or github)")
        String provider;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "register the token in this file")
        Path file;
    }

    /** Builds the request after checking the token is alive at its forge: a dead token is refused. */
    static PersonalAuthorization personal(CommandSpec spec, String name, TokenChoice choice, String repoType,
            URI host, String tokenHost) {
        PatkitCommand root = PatkitCommand.of(spec);
        Config.Profile profile;
        String type = repoType;
        if (choice.provider != null) {
            profile = root.config().require(TokenCommands.provider(choice.provider), tokenHost);
            if (type == null) {
                type = profile.provider();
            }
        } else {
            if (type == null) {
                throw CliException.usage("With --token-file, say which forge it is for: --repo-type github, gitlab or gitee.");
            }
            String wanted = type.toLowerCase(Locale.ROOT);
            Config.Profile base = root.config().profiles().stream()
                    .filter(p -> p.provider().equals(wanted)).findFirst().orElse(null);
            String text;
            try {
                text = java.nio.file.Files.readString(choice.file).strip();
            } catch (java.io.IOException | RuntimeException e) {
                throw CliException.usage("Cannot read --token-file " + choice.file + " (" + e.getClass().getSimpleName() + ").");
            }
            profile = base == null ? null : new Config.Profile(base.provider(), base.label(), base.url(),
                    java.util.Optional.of(Token.of(text)), new Config.Source("--token-file", java.util.Optional.empty()),
                    base.gitHost(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
            if (profile == null) {
                return build(name, type, Token.of(text), host);
            }
        }
        ProviderClient client = root.clients().client(profile);
        Authorization a = client.inspect();
        if (!a.isActive(Output.CLOCK)) {
            throw CliException.usage("The " + profile.provider() + " token is " + a.status()
                    + (a.status().name().equals("ACTIVE") ? " but expired" : "") + "; ServiceStage would hold a dead"
                    + " token. Create or rotate a new one first.");
        }
        return build(name, type, Config.tokenOf(profile), host);
    }

    private static PersonalAuthorization build(String name, String type, Token token, URI host) {
        RepoType repo = RepoType.fromWire(type.toLowerCase(Locale.ROOT)).filter(RepoType.PERSONAL::contains)
                .orElseThrow(() -> CliException.usage("Unknown --repo-type '" + type + "'; use github, gitlab or gitee."));
        PersonalAuthorization request = PersonalAuthorization.of(name, repo, token);
        return host == null ? request : request.withHost(host);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the authorizations.",
            footer = {"", "Examples:", "  patkit servicestage list", "  patkit servicestage list --json"})
    static final class ListAuths implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Output out = PatkitCommand.of(spec).output();
            List<GitAuthorization> auths = stage(spec).listAuthorizations();
            if (out.json()) {
                out.json(auths.stream().map(a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", a.name());
                    m.put("repoType", a.repoType());
                    m.put("user", a.repoUser().orElse(null));
                    m.put("status", a.status().name());
                    m.put("home", a.repoHome().orElse(null));
                    return m;
                }).toList());
            } else {
                out.table(List.of("NAME", "REPO_TYPE", "USER", "STATUS", "HOME"), auths.stream().map(a -> List.of(
                        a.name(), a.repoType(), a.repoUser().orElse("-"), a.status().name(), a.repoHome().orElse("-")))
                        .toList());
            }
            return ExitCodes.OK;
        }
    }

    /** The options that name the forge token a new authorization holds, shared by register and replace. */
    static final class ForgeToken {
        @ArgGroup(exclusive = true, multiplicity = "1")
        TokenChoice token;

        @Option(names = "--repo-type", paramLabel = "TYPE", description = "github, gitlab or gitee (default: the provider)")
        String repoType;

        @Option(names = "--host", paramLabel = "URL", description = "a self-managed forge's https URL")
        URI host;

        @Option(names = "--token-host", paramLabel = "HOST", description = "which configured host of --token-provider")
        String tokenHost;

        PersonalAuthorization personal(CommandSpec spec, String name) {
            return ServiceStageCommands.personal(spec, name, token, repoType, host, tokenHost);
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a token as a new authorization, after checking at its forge that it works.",
            footer = {"", "Examples:", "  patkit servicestage register --name ci-gitlab --token-provider gitlab",
                "  patkit servicestage register --name ci-gh --token-file gh.token --repo-type github"})
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the authorization's name (4-63)")
        String name;

        @Mixin
        ForgeToken forgeToken;

        @Override
        public Integer call() {
            Output out = PatkitCommand.of(spec).output();
            Registration r = stage(spec).createPersonal(forgeToken.personal(spec, name));
            GitAuthorization a = r.authorization();
            if (out.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", a.name());
                m.put("repoType", a.repoType());
                m.put("user", a.repoUser().orElse(null));
                m.put("status", a.status().name());
                m.put("outcome", r.outcome().name());
                out.json(m);
            } else {
                out.out().println("Registered " + a.name() + " (" + a.repoType() + ", user " + a.repoUser().orElse("?")
                        + ", status " + a.status() + ", " + r.outcome() + ")");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an authorization (the token itself stays valid at its forge).",
            footer = {"", "Examples:", "  patkit servicestage delete --name old-gitlab"})
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the authorization")
        String name;

        @Override
        public Integer call() {
            Output out = PatkitCommand.of(spec).output();
            stage(spec).delete(name);
            if (out.json()) {
                out.json(Map.of("deleted", name));
            } else {
                out.out().println("Deleted ServiceStage authorization " + name + " (the token itself stays valid at its forge)");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "Register a token under a new name, verify it, then delete the old authorization.",
            footer = {"", "Examples:",
                "  patkit servicestage replace --name ci-old --new-name ci-new --token-provider gitlab"})
    static final class Replace implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "OLD", description = "the authorization to replace")
        String name;

        @Option(names = "--new-name", required = true, paramLabel = "NEW", description = "the new authorization's name")
        String newName;

        @Mixin
        ForgeToken forgeToken;

        @Override
        public Integer call() {
            Output out = PatkitCommand.of(spec).output();
            ReplaceReport report = stage(spec).replace(name, forgeToken.personal(spec, newName));
            for (RotationEvent e : report.events()) {
                out.note(e.step() + " " + e.outcome() + " " + e.target() + (e.detail().isEmpty() ? "" : " " + e.detail()));
            }
            if (out.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("old", report.oldName());
                m.put("new", report.newName());
                m.put("succeeded", report.succeeded());
                m.put("oldKept", report.oldKept());
                m.put("error", report.failure().map(Throwable::getMessage).orElse(null));
                out.json(m);
            } else {
                out.out().println(report.succeeded() ? "Replaced " + report.oldName() + " with " + report.newName()
                        : "Replacement failed; " + report.oldName() + " was kept: "
                                + report.failure().map(Throwable::getMessage).orElse(""));
            }
            return report.succeeded() ? ExitCodes.OK : report.failure().map(ExitCodes::of).orElse(ExitCodes.OTHER);
        }
    }
}
