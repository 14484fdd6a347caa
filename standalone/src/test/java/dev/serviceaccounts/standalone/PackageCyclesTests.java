package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No two packages of a module's main sources depend on each other, directly or through others: the package graph
 * of each module is acyclic. A dependency is any mention of a class of another package of the project
 * ({@code import}, static import or fully qualified name) in a main source file. Standalone sees every module's
 * sources as siblings of its own directory; a cycle is reported as its set of packages.
 */
class PackageCyclesTests {

    /** A class of the project named in code: its package is group 1 (up to the first capitalised segment). */
    private static final Pattern PROJECT_CLASS = Pattern.compile("\\b(dev\\.serviceaccounts(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");

    @ParameterizedTest
    @ValueSource(strings = {"shared-api", "app-support", "command-side", "query-side", "standalone"})
    void whenMainSourcesOfAModuleAreScannedThenTheirPackageGraphHasNoCycle(String module) {
        Set<Set<String>> cycles = cycles(packageGraph(Path.of("..", module, "src", "main", "java")));

        assertThat(cycles).as("package cycles of %s (each set is one cycle)", module).isEmpty();
    }

    /** @return for each package with sources under {@code root}, the other packages of the project it names */
    static Map<String, Set<String>> packageGraph(Path root) {
        assertThat(root).as("sources of the module").isDirectory();
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String from = root.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> targets = graph.computeIfAbsent(from, key -> new TreeSet<>());
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("package ")) {
                        continue;
                    }
                    Matcher matcher = PROJECT_CLASS.matcher(line);
                    while (matcher.find()) {
                        if (!matcher.group(1).equals(from)) {
                            targets.add(matcher.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** @return the strongly connected components of more than one package (Tarjan's algorithm) */
    static Set<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).components();
    }

    private static final class Tarjan {

        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final List<Set<String>> found = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        Set<Set<String>> components() {
            graph.keySet().forEach(node -> {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            });
            return Set.copyOf(found.stream().filter(component -> component.size() > 1).toList());
        }

        private void visit(String node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            for (String next : graph.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (stack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    component.add(member);
                } while (!member.equals(node));
                found.add(component);
            }
        }
    }
}
