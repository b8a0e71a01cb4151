package dev.patkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * git's credential-helper protocol ({@code git help credential}): {@code key=value} lines on
 * standard input, ended by a blank line or the end of input. {@code get} answers {@code username},
 * {@code password} and, when configured, {@code password_expiry_utc}; {@code store} and
 * {@code erase} read the request and change nothing (Patkit's configuration owns the token).
 *
 * <p>As strict as git itself (the class of CVE-2020-5260, CVE-2024-50349 and CVE-2024-52006): a
 * line ends at LF only; a CR, NUL or any other control character anywhere in a line, a key given
 * twice (except git's multi-valued {@code name[]} keys), a line without {@code =}, input that is not
 * UTF-8 or longer than 64 KiB make the helper answer nothing, print one line on standard error and
 * exit 2. A token is given only when the request's {@code host} (with its port) equals a configured
 * git host (ignoring ASCII case: host names are case-insensitive), over {@code https}, or over plain
 * {@code http} when the host is a loopback address (core's rule, {@link dev.patkit.core.SecureTransport}) and the configured URL is
 * itself {@code http}.
 *
 * <p>Runs on every git operation, so it starts no HTTP client and loads no JSON, HTTP, picocli or
 * WireMock class: {@link Main} calls it before anything else is set up. The one exception is an
 * AtomGit host with no configured {@code git-user}, where the login must be asked of AtomGit.
 */
final class GitCredentialCommand {

    static final int MAX_INPUT = 64 * 1024;

    /** The user names the forges expect with a token as the password (as their clients' {@code gitCredentials()}). */
    private static final Map<String, String> USER_NAMES = Map.of(
            "gitlab", dev.patkit.gitlab.GitLabClient.GIT_USERNAME,
            "github", "x-access-token");

    private GitCredentialCommand() {}

    /** A request git must not be answered for; the message is one line. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    static int run(String action, String configPath, InputStream in, PrintStream out, PrintStream err,
            Map<String, String> env) {
        Map<String, String> request;
        try {
            request = parse(in);
        } catch (Refused e) {
            err.println("patkit git-credential: refusing the request: " + e.getMessage() + "; no credentials given.");
            return ExitCodes.USAGE;
        }
        if (!action.equals("get")) {
            return ExitCodes.OK;
        }
        try {
            return get(request, Config.load(configPath, env), out, err);
        } catch (CliException e) {
            err.println("patkit git-credential: " + e.getMessage());
            return e.exitCode();
        }
    }

    private static int get(Map<String, String> request, Config config, PrintStream out, PrintStream err) {
        String protocol = request.getOrDefault("protocol", "");
        String host = request.getOrDefault("host", "");
        if (host.isEmpty()) {
            err.println("patkit git-credential: the request names no host; no credentials given.");
            return ExitCodes.FINDINGS;
        }
        List<Config.Profile> candidates = config.profiles().stream()
                .filter(p -> !p.provider().equals("servicestage")).toList();
        Optional<Config.Profile> match = candidates.stream().filter(p -> p.gitHost().equalsIgnoreCase(host)).findFirst();
        if (match.isEmpty()) {
            err.println("patkit: no token for " + host + " (configured git hosts: "
                    + candidates.stream().map(Config.Profile::gitHost).toList()
                    + "); set <PROVIDER>_GIT_HOST or <provider>.git-host, see 'patkit help config'.");
            return ExitCodes.FINDINGS;
        }
        Config.Profile p = match.get();
        if (protocol.equals("http")) {
            if (!GitHost.isLoopback(host) || !p.url().getScheme().equals("http")) {
                err.println("patkit: not giving the " + p.name() + " token to " + host + " over plain http (only a"
                        + " loopback host whose configured URL is http may have it); use https.");
                return ExitCodes.FINDINGS;
            }
        } else if (!protocol.equals("https")) {
            err.println("patkit: no token for protocol '" + protocol + "' (only https).");
            return ExitCodes.FINDINGS;
        }
        String secret = Config.tokenOf(p).reveal();
        String user = USER_NAMES.get(p.provider());
        if (user == null) {
            user = p.gitUser().orElseGet(() -> Clients.gitUserName(p));
        }
        if (hasControl(user)) {
            err.println("patkit: the configured git user name of " + p.name() + " holds a control character.");
            return ExitCodes.USAGE;
        }
        StringBuilder answer = new StringBuilder();
        answer.append("username=").append(user).append('\n');
        answer.append("password=").append(secret).append('\n');
        p.tokenExpires().ifPresent(d -> answer.append("password_expiry_utc=")
                .append(d.atStartOfDay(ZoneOffset.UTC).toEpochSecond()).append('\n'));
        out.print(answer);
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Reads one request.
     *
     * @param in git's side of the pipe
     * @return the keys and values, in order; multi-valued {@code name[]} keys keep their last value
     * @throws Refused when the request breaks a rule
     */
    static Map<String, String> parse(InputStream in) throws Refused {
        byte[] bytes;
        try {
            bytes = readLimited(in);
        } catch (IOException e) {
            throw new Refused("it could not be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> out = new LinkedHashMap<>();
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            if (end == start) {
                break; // the blank line that ends the request
            }
            for (int i = start; i < end; i++) {
                int b = bytes[i] & 0xff;
                if (b < 0x20 || b == 0x7f) {
                    throw new Refused("line " + lineNo + " holds " + (b == '\r' ? "a carriage return (CR)"
                            : b == 0 ? "a NUL byte" : "the control character 0x" + Integer.toHexString(b)));
                }
            }
            String line;
            try {
                line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new Refused("line " + lineNo + " is not UTF-8");
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new Refused("line " + lineNo + " has no '='");
            }
            if (eq == 0) {
                throw new Refused("line " + lineNo + " has no key");
            }
            String key = line.substring(0, eq);
            if (out.containsKey(key) && !key.endsWith("[]")) {
                throw new Refused("the key '" + key + "' is given twice");
            }
            out.put(key, line.substring(eq + 1));
            start = end + 1;
        }
        return out;
    }

    private static byte[] readLimited(InputStream in) throws IOException, Refused {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = in.read(chunk)) > 0) {
            buf.write(chunk, 0, n);
            if (buf.size() > MAX_INPUT) {
                throw new Refused("it is longer than 64 KiB");
            }
            byte[] sofar = buf.toByteArray();
            if (endsRequest(sofar)) {
                return sofar;
            }
        }
        return buf.toByteArray();
    }

    /** A blank line ends the request: git may keep the pipe open after it. */
    private static boolean endsRequest(byte[] b) {
        if (b.length >= 1 && b[0] == '\n') {
            return true;
        }
        for (int i = 1; i < b.length; i++) {
            if (b[i] == '\n' && b[i - 1] == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
