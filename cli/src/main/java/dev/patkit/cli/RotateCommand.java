package dev.patkit.cli;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.rotation.FileJournal;
import dev.patkit.core.rotation.FileSecretStore;
import dev.patkit.core.rotation.JournalEntry;
import dev.patkit.core.rotation.RotationPlan;
import dev.patkit.core.rotation.RotationResult;
import dev.patkit.core.rotation.TokenDeliveryFailedException;
import dev.patkit.core.rotation.TokenRotator;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.servicestage.ServiceStageClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patkit rotate}: a {@link RotationPlan} with a file journal, so the same command run again
 * (for example by cron after a failure) resumes the unfinished plan for the same token instead of
 * rotating twice. A secret the store refuses is kept in a 0600 rescue file beside the journal.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Rotate a GitLab token and propagate the new secret: check every destination first (exit 2",
            "and nothing changed if one fails), rotate, store, install in ServiceStage under a temporary name,",
            "verify, delete the old authorization, and register the new token again under the original name.",
            "Run the same command again after a failure: it resumes the unfinished plan from its journal.",
            "The new token keeps the old one's lifetime unless --expires or --duration says otherwise."},
        footer = {"", "Examples:",
            "  # monthly, from cron: the token rotates itself and ServiceStage keeps the name bot-gl",
            "  GITLAB_TOKEN_FILE=~/.patkit/bot patkit rotate --provider gitlab --id self \\",
            "      --store-file ~/.patkit/bot --servicestage-auth bot-gl",
            "  patkit rotate --provider gitlab --name deploy --duration 90d --show-secret"})
final class RotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TokenCommands.Target target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TokenCommands.IdOrName which;

    @Option(names = "--expires", paramLabel = "DATE", description = "the new token's expiry date")
    String expires;

    @Option(names = "--duration", paramLabel = "DURATION", description = "the new token's lifetime: 30d, 4w, 1y, P30D")
    String duration;

    @Option(names = "--store-file", paramLabel = "FILE", description = "write the new secret here (mode 600)")
    String storeFile;

    @Option(names = "--show-secret", description = "print the new secret once on standard output instead")
    boolean showSecret;

    @Option(names = "--servicestage-auth", paramLabel = "NAME",
            description = "a ServiceStage authorization holding the token; it keeps its name (repeatable)")
    List<String> servicestageAuths = new ArrayList<>();

    @Option(names = "--journal", paramLabel = "DIR",
            description = "the rotation journal (default: $PATKIT_STATE_DIR, $XDG_STATE_HOME/patkit or ~/.local/state/patkit, + /journal)")
    String journalDir;

    @Option(names = "--plan", paramLabel = "ID", description = "the plan id to run or resume (default: the unfinished"
            + " plan for this token, else a new one)")
    String plan;

    @Override
    public Integer call() {
        PatkitCommand root = PatkitCommand.of(spec);
        Output out = root.output();
        String id = target.providerId();
        if (!id.equals("gitlab")) {
            throw CliException.usage("Only GitLab tokens can be rotated through an API; " + id + " tokens are replaced"
                    + " in the web interface: create a new one ('patkit create'), then revoke the old.");
        }
        TokenCommands.expiry(expires, duration);
        Config.Profile profile = target.profile(root);
        NewSecrets.Sink sink = NewSecrets.sink(storeFile, showSecret);
        Path journalPath = journalDir != null ? Path.of(journalDir) : NewSecrets.stateDir(root.env).resolve("journal");
        FileJournal journal = new FileJournal(journalPath);
        String target = which.id != null ? which.id : "name-" + which.name;
        String prefix = ("rotate-" + id + "-" + profile.host() + "-" + target).replaceAll("[^A-Za-z0-9._-]", "_");
        String planId = plan != null ? plan : unfinished(journal, prefix).orElseGet(() -> String.format("%s-%04d", prefix,
                journal.planIds().stream().filter(p -> p.startsWith(prefix + "-")).count() + 1));
        boolean resuming = !journal.entries(planId).isEmpty();
        if (resuming) {
            out.note("resuming plan " + planId + " from " + journalPath);
        }
        LazyRotator rotator = new LazyRotator(root, profile, which);
        boolean rotated = journal.entries(planId).stream().anyMatch(e -> e.event().equals("ROTATED"));
        LocalDate newExpiry = rotated ? null : newExpiry(rotator);
        try {
            Files.createDirectories(journalPath);
        } catch (IOException e) {
            throw CliException.usage("Cannot create the journal directory " + journalPath + " (" + e.getClass().getSimpleName()
                    + "); choose another with --journal. Nothing was changed.");
        }
        RotationPlan.Builder builder = RotationPlan.builder(planId).rotate(rotator)
                .storeIn(sink.store(), sink.key()).rescueIn(new FileSecretStore(journalPath), planId + ".secret")
                .journal(journal)
                .listener(e -> out.note(String.format("%-8s %-8s %s%s", e.step(), e.outcome(), e.target(),
                        e.detail().isEmpty() ? "" : " - " + e.detail())));
        if (newExpiry != null) {
            builder.newExpiry(newExpiry);
        }
        if (!servicestageAuths.isEmpty()) {
            ServiceStageClient stage = root.clients().client(root.config().require("servicestage", null))
                    .unwrap(ServiceStageClient.class);
            servicestageAuths.forEach(name -> builder.replaceIn(stage.holder(name)));
        }
        RotationResult result;
        try {
            result = builder.build().run();
        } catch (TokenDeliveryFailedException e) {
            throw new CliException(ExitCodes.OTHER, e.getMessage() + " (plan " + planId + ")");
        }
        String expiresAt = journal.entries(planId).stream().filter(e -> e.event().equals("ROTATED"))
                .map(e -> e.data().get("newExpiresAt")).filter(java.util.Objects::nonNull).reduce((a, b) -> b)
                .orElse(newExpiry == null ? null : newExpiry.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        String expiry = expiresAt != null ? expiresAt.substring(0, 10) : "at the forge's default";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", result.planId());
        m.put("oldTokenId", result.oldTokenId());
        m.put("newTokenId", result.newTokenId());
        m.put("newFingerprint", result.newFingerprint());
        m.put("newExpiresOn", expiresAt == null ? null : expiresAt.substring(0, 10));
        m.put("servicestage", result.handles());
        if (sink.show()) {
            sink.store().get(sink.key()).ifPresent(t -> m.putAll(sink.describe(t)));
        } else {
            m.put("stored", sink.file().toString());
        }
        if (out.json()) {
            out.json(m);
        } else {
            out.out().println("Rotated " + id + " token " + result.oldTokenId() + " -> " + result.newTokenId()
                    + " (fingerprint " + result.newFingerprint() + "), expires " + expiry);
            result.handles().forEach((holder, handle) -> out.out().println("  " + holder + " -> " + handle));
            if (sink.show()) {
                out.out().println("token: " + m.get("token"));
            } else {
                out.out().println("stored: " + sink.file());
            }
        }
        return ExitCodes.OK;
    }

    /** The most recent plan for this token that did not finish. */
    static Optional<String> unfinished(FileJournal journal, String prefix) {
        List<String> ids = journal.planIds().stream().filter(p -> p.startsWith(prefix + "-")).toList();
        for (int i = ids.size() - 1; i >= 0; i--) {
            List<JournalEntry> entries = journal.entries(ids.get(i));
            if (entries.stream().noneMatch(e -> e.event().equals("DONE"))) {
                return Optional.of(ids.get(i));
            }
        }
        return Optional.empty();
    }

    /** --expires, --duration, or the old token's own lifetime (created to expires), or the forge's default. */
    private LocalDate newExpiry(LazyRotator rotator) {
        LocalDate asked = TokenCommands.expiry(expires, duration);
        if (asked != null) {
            return asked;
        }
        Authorization old = rotator.old();
        if (old.createdAt().isPresent() && old.expiresAt().isPresent()) {
            long days = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(
                    old.createdAt().get().atZone(ZoneOffset.UTC).toLocalDate(),
                    old.expiresAt().get().atZone(ZoneOffset.UTC).toLocalDate()));
            return LocalDate.now(ZoneOffset.UTC).plusDays(days);
        }
        return null;
    }

    /** Creates the GitLab client only when the forge must be asked, so a resumed plan needs no GitLab token. */
    private static final class LazyRotator implements TokenRotator {
        private final PatkitCommand root;
        private final Config.Profile profile;
        private final TokenCommands.IdOrName which;
        private TokenRotator delegate;

        LazyRotator(PatkitCommand root, Config.Profile profile, TokenCommands.IdOrName which) {
            this.root = root;
            this.profile = profile;
            this.which = which;
        }

        private TokenRotator delegate() {
            if (delegate == null) {
                ProviderClient client = root.clients().client(profile);
                delegate = client.unwrap(GitLabClient.class).tokens().rotator(TokenCommands.tokenId(client, which));
            }
            return delegate;
        }

        Authorization old() {
            ProviderClient client = root.clients().client(profile);
            String id = TokenCommands.tokenId(client, which);
            return id.equals("self") ? client.inspect() : client.tokens().get(id);
        }

        @Override
        public String tokenId() {
            return which.id != null ? which.id : delegate().tokenId();
        }

        @Override
        public String describe() {
            return "gitlab token " + (which.id != null ? which.id : "'" + which.name + "'") + " at " + profile.url();
        }

        @Override
        public CreatedToken rotate(Optional<LocalDate> expiresOn) {
            return delegate().rotate(expiresOn);
        }

        @Override
        public Optional<Boolean> oldTokenActive() {
            return delegate().oldTokenActive();
        }
    }
}
