package dev.patkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.patkit.core.Authorization;
import dev.patkit.core.Token;
import dev.patkit.core.audit.Finding;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prints results as aligned tables for people or as JSON for programs ({@code --json}), and
 * progress on standard error only when it is a terminal. Uses no colour, so {@code NO_COLOR} holds
 * trivially. Never prints a secret unless asked ({@code --show-secret}).
 *
 * <p>JSON field types are stable: {@code scopes} is always an array (empty when the forge does not
 * say) and {@code scopesKnown} says whether it is complete; absent times are {@code null}.
 */
final class Output {

    /** What "now" is for the command line: the system clock (the forges answer for expiry in real time). */
    static final java.time.Clock CLOCK = java.time.Clock.systemUTC();


    static final List<String> HEADERS = List.of("PROVIDER", "ID", "NAME", "STATUS", "OWNER", "EXPIRES", "SCOPES");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean terminal;

    Output(PrintStream out, PrintStream err, boolean json, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal;
    }

    boolean json() {
        return json;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Progress of long work, on stderr when it is a terminal. */
    void progress(String line) {
        if (terminal) {
            err.println(line);
        }
    }

    /** Notes a person should see even when stderr is not a terminal (the steps of a rotation, warnings). */
    void note(String line) {
        err.println(line);
    }

    void json(Object value) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.OTHER, "Could not write JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A token as {@code gh auth status} shows it: its prefix, stars and the fingerprint. */
    static String masked(Token token) {
        String s = token.reveal();
        String prefix = "";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(github_pat_|[a-z]{2,6}[-_])").matcher(s);
        if (m.find()) {
            prefix = m.group(1);
        }
        return prefix + "****" + " (fingerprint " + token.fingerprint() + ")";
    }

    /**
     * {@code never} only when the forge said so (an expiry field it sent as {@code null}, as GitLab
     * does for a token without expiry), {@code -} when unknown.
     */
    static String expiry(Authorization a) {
        if (a.expiresAt().isPresent()) {
            return a.expiresAt().get().toString().substring(0, 10);
        }
        boolean saidNever = a.sourceOf(Authorization.Field.EXPIRY).isPresent()
                || a.raw().containsKey("expires_at") && a.raw().get("expires_at") == null;
        return saidNever ? "never" : "-";
    }

    static List<String> scopes(Authorization a) {
        return a.scopes().isKnown() ? new ArrayList<>(new TreeSet<>(a.scopes().names())) : List.of();
    }

    static Map<String, Object> map(Authorization a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", a.provider());
        m.put("host", a.host().toString());
        m.put("id", a.tokenId().orElse(null));
        m.put("name", a.tokenName().orElse(null));
        m.put("status", a.status().name());
        m.put("active", a.isActive(CLOCK));
        m.put("owner", a.owner().map(o -> {
            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("id", o.id());
            owner.put("login", o.login().orElse(null));
            owner.put("kind", o.kind().name());
            return owner;
        }).orElse(null));
        m.put("scopes", scopes(a));
        m.put("scopesKnown", a.scopes().isKnown());
        m.put("expiresAt", a.expiresAt().map(Instant::toString).orElse(null));
        m.put("expiry", expiry(a));
        m.put("createdAt", a.createdAt().map(Instant::toString).orElse(null));
        m.put("lastUsedAt", a.lastUsedAt().map(Instant::toString).orElse(null));
        m.put("kind", a.tokenKind().orElse(null));
        return m;
    }

    static Map<String, Object> map(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().name());
        m.put("provider", f.authorization().provider());
        m.put("token", f.authorization().tokenName().orElse(f.authorization().tokenId().orElse(null)));
        m.put("message", f.message());
        return m;
    }

    static List<String> row(Authorization a) {
        return List.of(a.provider(), a.tokenId().orElse("-"), a.tokenName().orElse("-"), a.status().name(),
                a.owner().map(o -> o.login().orElse(o.id())).orElse("-"), expiry(a),
                a.scopes().isKnown() ? String.join(",", scopes(a)) : "unknown");
    }

    void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        out.println(line(headers, widths));
        for (List<String> r : rows) {
            out.println(line(r, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        return sb.toString().stripTrailing();
    }
}
