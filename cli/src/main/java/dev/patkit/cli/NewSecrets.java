package dev.patkit.cli;

import dev.patkit.core.Token;
import dev.patkit.core.rotation.FileSecretStore;
import dev.patkit.core.rotation.InMemorySecretStore;
import dev.patkit.core.rotation.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a newly issued secret goes ({@code --store-file FILE}, a file only the owner may read, or
 * {@code --show-secret}, printed once), and the state directory where rotation journals and rescued
 * secrets live: {@code $PATKIT_STATE_DIR}, else {@code $XDG_STATE_HOME/patkit}, else
 * {@code ~/.local/state/patkit}.
 */
final class NewSecrets {

    /** A destination for a new secret. */
    record Sink(SecretStore store, String key, boolean show, Path file) {

        Map<String, Object> describe(Token token) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fingerprint", token.fingerprint());
            if (show) {
                m.put("token", token.reveal());
            } else {
                m.put("stored", file.toString());
            }
            return m;
        }
    }

    private NewSecrets() {}

    static Sink sink(String storeFile, boolean show) {
        if (storeFile != null && show) {
            throw CliException.usage("Give either --store-file FILE or --show-secret, not both.");
        }
        if (storeFile != null) {
            Path path = Path.of(storeFile).toAbsolutePath().normalize();
            String key = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!key.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
                throw CliException.usage("--store-file needs a file name of letters, digits, '.', '_' or '-' (not"
                        + " starting with '.'); got '" + storeFile + "'.");
            }
            return new Sink(new FileSecretStore(path.getParent()), key, false, path);
        }
        if (show) {
            return new Sink(new InMemorySecretStore(), "new-token", true, null);
        }
        throw CliException.usage("Say where the new secret goes: --store-file FILE (recommended) or --show-secret"
                + " (prints it once on standard output).");
    }

    /** The store file must not hold a secret already, unless the user said to overwrite it. */
    static void refuseOverwrite(Sink sink, boolean force) {
        if (sink.file() != null && Files.exists(sink.file()) && !force) {
            throw CliException.usage("The store file " + sink.file() + " already exists and may hold a live token;"
                    + " choose another file, or add --force to overwrite it.");
        }
    }

    static Path stateDir(Map<String, String> env) {
        String dir = env.get("PATKIT_STATE_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "patkit");
        }
        String home = env.get("HOME");
        if (home == null) {
            throw CliException.usage("Set HOME or PATKIT_STATE_DIR: Patkit keeps rotation journals there.");
        }
        return Path.of(home, ".local", "state", "patkit");
    }

    /** Where a secret the store refused is kept: a 0600 file in the state directory's rescue folder. */
    static FileSecretStore rescue(Map<String, String> env) {
        return new FileSecretStore(stateDir(env).resolve("rescue"));
    }
}
