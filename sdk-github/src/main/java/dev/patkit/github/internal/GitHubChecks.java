package dev.patkit.github.internal;

import dev.patkit.core.Token;
import dev.patkit.core.TokenKind;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.github.ReviewDecision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** GitHub's pre-flight checks: what is refused before anything is sent, and GitHub's documented limits. */
public final class GitHubChecks {

    static final String ID = "github";
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** GitHub's documented limit of tokens per {@code POST /credentials/revoke}. */
    static final int REVOKE_BATCH = 1000;
    /** GitHub's limit of ids per bulk grant or request call. */
    static final int BULK_IDS = 100;
    /** GitHub's limit of a review reason's length. */
    static final int MAX_REASON = 1024;
    /** The token kinds {@code POST /credentials/revoke} accepts, exactly as GitHub's REST reference lists them. */
    static final Set<TokenKind> REVOCABLE = Set.copyOf(EnumSet.of(TokenKind.GITHUB_CLASSIC_PAT,
            TokenKind.GITHUB_FINE_GRAINED_PAT, TokenKind.GITHUB_OAUTH, TokenKind.GITHUB_APP_USER,
            TokenKind.GITHUB_APP_REFRESH));

    private GitHubChecks() {}

    /**
     * Checks an {@code X-GitHub-Api-Version} value.
     *
     * @param apiVersion the value
     * @return the value
     * @throws IllegalArgumentException if it is not a {@code YYYY-MM-DD} date
     */
    public static String apiVersion(String apiVersion) {
        if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException("The GitHub API version must be a date such as 2022-11-28");
        }
        return apiVersion;
    }

    /** Tokens to revoke: GitHub's revocable kinds only, without repeats, in batches GitHub takes. */
    static List<List<Token>> revocationBatches(Collection<Token> tokens) {
        if (tokens == null || tokens.isEmpty()) {
            throw ValidationException.badInput(ID, "revoke credentials", "Give at least one token to revoke");
        }
        Set<Token> unique = new LinkedHashSet<>();
        int i = 0;
        for (Token t : tokens) {
            i++;
            if (t == null) {
                throw ValidationException.badInput(ID, "revoke credentials", "Token #" + i + " is null");
            }
            if (!t.kind().provider().map(ID::equals).orElse(false)) {
                throw ValidationException.badInput(ID, "revoke credentials", "Token #" + i + " (" + t
                        + ") is not in a GitHub token format; Patkit does not send other providers' tokens to GitHub");
            }
            if (!REVOCABLE.contains(t.kind())) {
                throw ValidationException.badInput(ID, "revoke credentials", "Token #" + i + " (" + t + ") is a "
                        + t.kind() + " token, which POST /credentials/revoke does not take (it takes ghp_, github_pat_,"
                        + " gho_, ghu_ and ghr_ only)" + (t.kind() == TokenKind.GITHUB_APP_INSTALLATION
                                ? "; an installation token revokes itself: revoke(\"self\") on a client built with it"
                                : "; delete it in the web UI"));
            }
            unique.add(t);
        }
        List<Token> all = new ArrayList<>(unique);
        List<List<Token>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += REVOKE_BATCH) {
            out.add(List.copyOf(all.subList(from, Math.min(all.size(), from + REVOKE_BATCH))));
        }
        return out;
    }

    /** @return the path of an organisation */
    static String orgPath(String org, String operation) {
        if (org == null || org.isBlank()) {
            throw ValidationException.badInput(ID, operation, "The organisation's login must not be blank");
        }
        return "/orgs/" + ApiRequest.segment(org);
    }

    /** @return a grant or request id as a path segment */
    static String id(long id, String op) {
        if (id <= 0) {
            throw ValidationException.badInput(ID, op, "Ids are positive numbers, not " + id);
        }
        return Long.toString(id);
    }

    /** @return the ids of a bulk call, without repeats */
    static List<Long> ids(Collection<Long> ids, String op) {
        if (ids == null || ids.isEmpty() || ids.size() > BULK_IDS) {
            throw ValidationException.badInput(ID, op, "Give 1 to " + BULK_IDS + " ids per call, not "
                    + (ids == null ? 0 : ids.size()));
        }
        List<Long> out = new ArrayList<>(new LinkedHashSet<>(ids));
        for (Long id : out) {
            if (id == null || id <= 0) {
                throw ValidationException.badInput(ID, op, "Ids are positive numbers, not " + id);
            }
        }
        return out;
    }

    /** Checks a review's decision and reason. */
    static void review(ReviewDecision decision, Optional<String> reason, String op) {
        if (decision == null) {
            throw ValidationException.badInput(ID, op, "Say whether to approve or deny");
        }
        if (reason.isPresent() && reason.get().length() > MAX_REASON) {
            throw ValidationException.badInput(ID, op, "The reason is longer than " + MAX_REASON + " characters");
        }
    }
}
