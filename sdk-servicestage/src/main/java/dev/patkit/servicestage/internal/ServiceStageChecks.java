package dev.patkit.servicestage.internal;

import dev.patkit.core.ValidationException;
import dev.patkit.servicestage.RepoType;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Input checks made before any request. */
final class ServiceStageChecks {

    private ServiceStageChecks() {}

    /** Authorization names: 4 to 63 characters of {@code A-Za-z0-9._-} (ServiceStage console rule). */
    static void name(String name, String operation) {
        if (name == null) {
            throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, operation,
                    "The authorization name is missing");
        }
        boolean ok = name.length() >= 4 && name.length() <= 63;
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-';
        }
        if (!ok) {
            throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, operation,
                    "The authorization name must be 4 to 63 characters of letters, digits, '.', '_' and '-'"
                            + " (got " + name.length() + " characters" + (name.length() <= 63 ? ": '" + printable(name) + "'" : "") + ")");
        }
    }

    static void repoType(RepoType type, Set<RepoType> accepted, String operation) {
        if (type == null || !accepted.contains(type)) {
            Set<String> names = new TreeSet<>();
            accepted.forEach(t -> names.add(t.wireName()));
            throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, operation,
                    "The repository type " + (type == null ? "is missing" : "'" + type.wireName() + "' is not accepted")
                            + "; this operation accepts " + names);
        }
    }

    static void host(URI host, String operation) {
        String scheme = host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
        // http is allowed: ServiceStage accepts it for a forge on a private network (B.2, AccessToken.host);
        // the result says so (GitAuthorization.hostOnPlainHttp()).
        if (!host.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || host.getHost() == null
                || host.getRawUserInfo() != null || host.getRawQuery() != null || host.getRawFragment() != null) {
            throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, operation,
                    "The forge host must be an absolute https (or, on a private network, http) URL without user info,"
                            + " query or fragment, for example https://gitlab.example.com");
        }
    }

    static void notBlank(String value, String what, String operation) {
        if (value == null || value.isBlank()) {
            throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, operation, "The " + what + " is missing");
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
