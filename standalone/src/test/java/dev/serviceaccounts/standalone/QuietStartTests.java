package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The run command's start on the embedded default prints the banner and no WARN of its own making, at the first
 * start and at every later one on the same data (the embedded server then reopens its file and its stored
 * indexes before Spring has configured logging). Runs {@link StandaloneLauncher} in a child JVM on free ports.
 */
class QuietStartTests {

    private static final String BANNER = "Service Accounts is running";

    @Test
    void whenStartedTwiceOnTheSameDataThenNeitherStartPrintsAWarning() throws Exception {
        Path data = TestSystem.newDataDirectory();

        List<String> first = startAndStop(data);
        List<String> second = startAndStop(data);

        assertThat(first).as("first start").anyMatch(line -> line.contains(BANNER))
                .noneMatch(line -> line.contains(" WARN "));
        assertThat(second).as("second start, same data").anyMatch(line -> line.contains(BANNER))
                .noneMatch(line -> line.contains(" WARN "));
    }

    /** @return the lines the launcher printed up to and including its banner; the launcher is then stopped */
    private static List<String> startAndStop(Path data) throws Exception {
        return startAndStop(data, Map.of(), BANNER);
    }

    /**
     * @param environment further environment variables of the launcher
     * @param lastLine    text of the last line read
     * @return the lines the launcher printed up to and including the first with {@code lastLine}; the launcher is
     *         then stopped
     */
    static List<String> startAndStop(Path data, Map<String, String> environment, String lastLine) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StandaloneLauncher.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("SA_KEY_ENCRYPTION_KEY");
        builder.environment().put("SA_DATA_DIR", data.toString());
        // port 0: each server binds a port the system picks; a port picked here and bound later could be taken by
        // then by another test's server
        builder.environment().put("EMBEDDED_MONGO_PORT", "0");
        builder.environment().put("QUERY_SIDE_PORT", "0");
        builder.environment().put("COMMAND_SIDE_PORT", "0");
        builder.environment().putAll(environment);
        Process launcher = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                if (line.contains(lastLine)) {
                    break;
                }
            }
        } finally {
            launcher.destroy();
            if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        }
        return lines;
    }
}
