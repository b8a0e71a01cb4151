package dev.patkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs whole processes: the distribution's {@code bin/patkit}, or git. */
final class Launcher {

    record Result(int code, String out, String err) {}

    private Launcher() {}

    static Path home() {
        Path home = Path.of(System.getProperty("patkit.home", "target/patkit"));
        assertThat(home.resolve("bin/patkit")).as("the distribution (built in the package phase)").isExecutable();
        return home;
    }

    static List<String> patkit(String... args) {
        List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/patkit").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Result run(List<String> command, Map<String, String> env, String stdin, Path dir) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile("patkit-out", ".txt");
        Path err = Files.createTempFile("patkit-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
