package dev.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command side's packages (one per feature, plus the shared root) depend on each other without a
 * cycle: read from the sources, every reference to {@code dev.serviceaccounts.command.<package>} counts.
 */
class PackageCycleTests {

    private static final Path SOURCES = Path.of("src/main/java/dev/serviceaccounts/command");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.serviceaccounts\\.command\\.([a-z]\\w*)\\.");

    @Test
    void whenPackagesReadFromSourcesThenNoCycle() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).containsKeys("directory", "serviceaccount", "web");

        List<List<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycle(start, start, uses, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles (%s)", uses).isEmpty();
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file.getParent());
                String from = relative.toString().isEmpty() ? "(root)" : relative.getName(0).toString();
                Set<String> targets = uses.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(Files.readString(file).replaceFirst("(?m)^package .*$", ""));
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        return uses;
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                  Set<String> seen, List<List<String>> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                cycles.add(cycle);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, uses, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
