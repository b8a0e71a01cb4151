package dev.patkit.examples.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands as whole processes: the shaded {@code patkit.jar}, or git. */
final class JarRunner {

    record Result(int code, String out, String err) {}

    private JarRunner() {}

    static Path jar() {
        Path jar = Path.of(System.getProperty("patkit.jar", "target/patkit.jar"));
        assertThat(jar).as("the shaded jar (built in the package phase)").exists();
        return jar;
    }

    static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
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
