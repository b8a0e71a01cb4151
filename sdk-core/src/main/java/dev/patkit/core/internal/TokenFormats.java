package dev.patkit.core.internal;

import dev.patkit.core.TokenFormat;
import dev.patkit.core.TokenFormat.Checksum;
import dev.patkit.core.TokenKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/** Offline recognition of token formats and their checksums. Never throws on any input. */
public final class TokenFormats {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final List<TokenKind> GITHUB_PREFIXED = List.of(
            TokenKind.GITHUB_CLASSIC_PAT, TokenKind.GITHUB_OAUTH, TokenKind.GITHUB_APP_USER,
            TokenKind.GITHUB_APP_INSTALLATION, TokenKind.GITHUB_APP_REFRESH);
    private static final List<String> GITLAB_OTHER_PREFIXES = List.of(
            "gloas-", "gldt-", "glrt-", "glrtr-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-", "glwt-",
            "glsoat-", "glffct-");

    private TokenFormats() {}

    /**
     * Recognises a token's format.
     *
     * @param token the token text (already validated as printable ASCII)
     * @return the format; warnings never quote the token
     */
    public static TokenFormat recognise(String token) {
        for (TokenKind kind : GITHUB_PREFIXED) {
            if (token.startsWith(kind.prefix())) {
                if (kind == TokenKind.GITHUB_APP_REFRESH) {
                    // ghr_ length is undocumented and has no known checksum: prefix and charset only.
                    return charsetOnly(kind, token, kind.prefix().length());
                }
                if (kind == TokenKind.GITHUB_APP_INSTALLATION && token.length() != 40) {
                    return statelessInstallation(token);
                }
                return github(kind, token);
            }
        }
        if (token.startsWith(TokenKind.GITHUB_FINE_GRAINED_PAT.prefix())) {
            // The fine-grained layout's checksum is not publicly documented; only the charset is checked.
            return charsetOnly(TokenKind.GITHUB_FINE_GRAINED_PAT, token, TokenKind.GITHUB_FINE_GRAINED_PAT.prefix().length());
        }
        if (token.length() == 40 && isLowerHex(token)) {
            return new TokenFormat(TokenKind.GITHUB_LEGACY, Checksum.NOT_APPLICABLE, List.of());
        }
        if (token.startsWith(TokenKind.GITLAB_PAT.prefix())) {
            return gitlab(token);
        }
        for (String prefix : GITLAB_OTHER_PREFIXES) {
            if (token.startsWith(prefix)) {
                return new TokenFormat(TokenKind.GITLAB_OTHER, Checksum.NOT_APPLICABLE, List.of());
            }
        }
        return new TokenFormat(TokenKind.OPAQUE, Checksum.NOT_APPLICABLE, List.of());
    }

    /** GitHub: 4-char prefix, 30 base62 characters, 6-char base62 CRC32 of those 30 characters. */
    private static TokenFormat github(TokenKind kind, String token) {
        String body = token.substring(kind.prefix().length());
        if (body.length() != 36 || !isBase62(body)) {
            return new TokenFormat(kind, Checksum.NOT_APPLICABLE, List.of(
                    "A " + kind + " token is normally " + (kind.prefix().length() + 36)
                            + " characters of [A-Za-z0-9] after its prefix; this one is not, so its checksum was not checked"));
        }
        CRC32 crc = new CRC32();
        crc.update(body.substring(0, 30).getBytes(StandardCharsets.US_ASCII));
        boolean ok = base62(crc.getValue(), 6).equals(body.substring(30));
        return ok
                ? new TokenFormat(kind, Checksum.VALID, List.of())
                : new TokenFormat(kind, Checksum.INVALID, List.of(
                        "The token's built-in checksum does not match: it may be mistyped or truncated"));
    }

    /**
     * GitLab: legacy {@code glpat-} + 20 characters, or routable
     * {@code glpat-<base64url>[.01].<2 base36 length><7 base36 CRC32>} where the CRC covers everything
     * before it.
     */
    private static TokenFormat gitlab(String token) {
        String body = token.substring(TokenKind.GITLAB_PAT.prefix().length());
        if (!body.chars().allMatch(c -> isBase62Char(c) || c == '_' || c == '-' || c == '.')) {
            return new TokenFormat(TokenKind.GITLAB_PAT, Checksum.NOT_APPLICABLE,
                    List.of("The token holds characters GitLab does not use in access tokens"));
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0) {
            return new TokenFormat(TokenKind.GITLAB_PAT, Checksum.NOT_APPLICABLE, List.of());
        }
        String tail = token.substring(lastDot + 1);
        if (tail.length() != 9 || !tail.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            return new TokenFormat(TokenKind.GITLAB_PAT, Checksum.NOT_APPLICABLE, List.of());
        }
        CRC32 crc = new CRC32();
        crc.update(token.substring(0, lastDot + 3).getBytes(StandardCharsets.US_ASCII));
        String expected = leftPad(Long.toString(crc.getValue(), 36), 7);
        return expected.equals(tail.substring(2))
                ? new TokenFormat(TokenKind.GITLAB_PAT, Checksum.VALID, List.of())
                : new TokenFormat(TokenKind.GITLAB_PAT, Checksum.INVALID, List.of(
                        "The routable token's built-in checksum does not match: it may be mistyped or truncated"));
    }

    /**
     * An installation token in GitHub's stateless format (since 2026-04-27): {@code ghs_APPID_JWT},
     * about 520 characters with dots and underscores, no checksum. GitHub's redaction pattern is
     * {@code ghs_[A-Za-z0-9._-]{36,}}.
     */
    private static TokenFormat statelessInstallation(String token) {
        String body = token.substring(TokenKind.GITHUB_APP_INSTALLATION.prefix().length());
        boolean charset = body.chars().allMatch(c -> isBase62Char(c) || c == '.' || c == '_' || c == '-');
        if (body.length() < 36 || !charset) {
            return new TokenFormat(TokenKind.GITHUB_APP_INSTALLATION, Checksum.NOT_APPLICABLE, List.of(
                    "A GitHub App installation token is 40 characters, or in the newer format at least 40 characters of"
                            + " [A-Za-z0-9._-]; this one is not"));
        }
        return new TokenFormat(TokenKind.GITHUB_APP_INSTALLATION, Checksum.NOT_APPLICABLE, List.of());
    }

    private static TokenFormat charsetOnly(TokenKind kind, String token, int from) {
        for (int i = from; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!isBase62Char(c) && c != '_') {
                return new TokenFormat(kind, Checksum.NOT_APPLICABLE,
                        List.of("The token holds characters outside [A-Za-z0-9_] at position " + i));
            }
        }
        return new TokenFormat(kind, Checksum.NOT_APPLICABLE, List.of());
    }

    /**
     * Encodes a non-negative number in base62 ({@code 0-9A-Za-z}), left-padded with zeros.
     *
     * @param value the number
     * @param width the minimum width
     * @return the encoding
     */
    public static String base62(long value, int width) {
        StringBuilder sb = new StringBuilder();
        long v = value;
        do {
            sb.append(BASE62.charAt((int) (v % 62)));
            v /= 62;
        } while (v > 0);
        while (sb.length() < width) {
            sb.append('0');
        }
        return sb.reverse().toString();
    }

    private static String leftPad(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static boolean isBase62(String s) {
        return s.chars().allMatch(TokenFormats::isBase62Char);
    }

    private static boolean isBase62Char(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isLowerHex(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
