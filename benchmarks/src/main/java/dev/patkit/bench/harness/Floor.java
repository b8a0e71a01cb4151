package dev.patkit.bench.harness;

/** The floor of any whole-process measurement: a JVM that starts, prints and exits. */
public final class Floor {

    private Floor() {}

    /**
     * Prints {@code RESULT floor}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("RESULT floor");
        System.out.flush();
    }
}
