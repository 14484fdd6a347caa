package dev.serviceaccounts.standalone.support;

import java.io.IOException;
import java.util.Arrays;

/**
 * The entry point of a process that {@link Deployment} starts: runs {@code args[0]}'s {@code main} with the other
 * arguments, and exits once its standard input reaches its end, which happens when the test JVM that holds the
 * other end of the pipe is gone, also after a {@code kill -9} of that JVM: no process of a test outlives it.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread orphanGuard = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes: only the end of the stream matters
                }
            } catch (IOException e) {
                // a broken pipe is an end too
            }
            System.exit(3);
        }, "orphan-guard");
        orphanGuard.setDaemon(true);
        orphanGuard.start();
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
