package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * Every setting is an environment variable documented in the README's "Configuration" table (variable, app,
 * default, meaning), and every row of that table is a setting that exists. What the system reads, found without a
 * list kept by hand, so that a setting added anywhere is caught:
 * <ul>
 *   <li>every {@code ${VAR}} placeholder in the apps' configuration files ({@code src/main/resources} of each
 *       module);</li>
 *   <li>every property of every {@code @ConfigurationProperties} class of the project, and every
 *       {@code service-accounts.*} key of those files, as its relaxed-binding environment name
 *       ({@code service-accounts.token-ttl}: {@code SERVICE_ACCOUNTS_TOKEN_TTL}), unless the file sets it from a
 *       placeholder (then that placeholder's variable documents it);</li>
 *   <li>the variables the one-JVM launcher ({@code StandaloneLauncher}) and {@code run.sh} read;</li>
 *   <li>the variables {@code docker-compose.yml} sets on a container or interpolates.</li>
 * </ul>
 * A row may also name a Spring Boot property by its environment name ({@code SERVER_FORWARD_HEADERS_STRATEGY}),
 * known from Spring Boot's configuration metadata. The app column says who reads the variable.
 */
class ConfigurationDocumentedTests {

    private static final Path ROOT = Path.of("..");
    private static final String COMMAND = "command side";
    private static final String QUERY = "query side";
    private static final String RUN = "run.sh";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}?-]");
    private static final Pattern LAUNCHER_READ = Pattern.compile("(?:getenv|env)\\(\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern SHELL_READ = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");

    /** Variables the system reads, each with who reads it. */
    private final Map<String, Set<String>> read = new TreeMap<>();
    /** Properties read through relaxed binding, by their environment names. */
    private final Map<String, String> boundProperties = new TreeMap<>();

    ConfigurationDocumentedTests() throws IOException {
        Map<String, String> placeholderBound = new LinkedHashMap<>();
        for (ConfigFile file : appConfigFiles()) {
            file.properties().forEach((property, value) -> {
                Matcher placeholder = PLACEHOLDER.matcher(value);
                while (placeholder.find()) {
                    readBy(placeholder.group(1), file.readers());
                    placeholderBound.put(property, placeholder.group(1));
                }
            });
        }
        for (ConfigFile file : appConfigFiles()) {
            file.properties().keySet().stream()
                    .filter(property -> property.startsWith("service-accounts."))
                    .filter(property -> !placeholderBound.containsKey(property))
                    .forEach(property -> bound(property, file.readers()));
        }
        configurationPropertiesClasses().forEach((type, readers) -> propertiesOf(type,
                MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix"))
                .stream().filter(property -> !placeholderBound.containsKey(property))
                .forEach(property -> bound(property, readers)));
        try (Stream<Path> sources = Files.walk(ROOT.resolve("standalone/src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                LAUNCHER_READ.matcher(Files.readString(source)).results()
                        .forEach(match -> readBy(match.group(1), Set.of(RUN)));
            }
        }
        SHELL_READ.matcher(Files.readString(ROOT.resolve("run.sh"))).results()
                .forEach(match -> readBy(match.group(1), Set.of(RUN)));
    }

    @Test
    void whenTheSystemReadsAVariableThenTheConfigurationTableHasItsRow() throws IOException {
        Set<String> documented = configurationTable().keySet();

        assertThat(read.keySet()).as("variables the system reads; add each to README's \"Configuration\" table")
                .isSubsetOf(documented);
        assertThat(composeVariables().keySet())
                .as("variables docker-compose.yml sets or interpolates; add each to README's \"Configuration\" table")
                .isSubsetOf(documented);
    }

    @Test
    void whenTheConfigurationTableHasARowThenTheSystemReadsItsVariable() throws IOException {
        Set<String> known = new TreeSet<>(read.keySet());
        Set<String> stale = new TreeSet<>(configurationTable().keySet());
        stale.removeAll(known);
        stale.removeIf(ConfigurationDocumentedTests::isSpringBootProperty);

        assertThat(stale).as("rows of README's \"Configuration\" table that nothing reads").isEmpty();
    }

    @Test
    void whenDockerComposeSetsAVariableThenTheSystemReadsIt() throws IOException {
        Set<String> unknown = new TreeSet<>(composeVariables().keySet());
        unknown.removeAll(read.keySet());
        unknown.removeIf(ConfigurationDocumentedTests::isSpringBootProperty);

        assertThat(unknown).as("variables docker-compose.yml sets that no app reads (a typo does nothing)").isEmpty();
    }

    @Test
    void whenARowNamesAPropertyThenSpringBindsItsVariableToThatProperty() {
        boundProperties.forEach((variable, property) -> {
            ConfigurationPropertySource environment = ConfigurationPropertySource.from(
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(variable, "x")));

            assertThat(environment.getConfigurationProperty(ConfigurationPropertyName.of(property)))
                    .as("%s sets %s", variable, property).isNotNull();
        });
    }

    @Test
    void whenARowNamesWhoReadsItsVariableThenThatIsWhoReadsIt() throws IOException {
        Map<String, Set<String>> readers = new TreeMap<>();
        read.forEach((variable, by) -> readers.put(variable, new TreeSet<>(by)));
        composeVariables().forEach((variable, by) ->
                readers.computeIfAbsent(variable, v -> new TreeSet<>()).addAll(by));
        Map<String, String> documented = configurationTable();
        List<String> wrong = new ArrayList<>();
        readers.forEach((variable, by) -> {
            if (!by.isEmpty() && documented.containsKey(variable) && !documented.get(variable).equals(appColumn(by))) {
                wrong.add(variable + ": the table says '" + documented.get(variable) + "', read by '"
                        + appColumn(by) + "'");
            }
        });

        assertThat(wrong).as("the app column: both, command side, query side or run.sh (\", run.sh\" when the"
                + " launcher reads it too)").isEmpty();
    }

    /** @return the "app" column of the README's "Configuration" table, by variable */
    private static Map<String, String> configurationTable() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("\n## Configuration\n");
        assertThat(section).as("README has the section \"## Configuration\"").isPositive();
        int next = readme.indexOf("\n## ", section + 1);
        List<String> rows = readme.substring(section, next < 0 ? readme.length() : next).lines()
                .filter(line -> line.startsWith("|")).toList();
        assertThat(rows).as("the table of \"Configuration\"").hasSizeGreaterThan(2);
        assertThat(cells(rows.get(0))).as("its header").containsExactly("variable", "app", "default", "meaning");
        Map<String, String> apps = new LinkedHashMap<>();
        for (String row : rows.subList(2, rows.size())) {
            List<String> cells = cells(row);
            assertThat(cells).as("a row of four cells: %s", row).hasSize(4);
            String variable = cells.get(0).replace("`", "");
            assertThat(cells.get(0)).as("one variable per row, in backticks: %s", row).isEqualTo("`" + variable + "`");
            assertThat(ENV_NAME.matcher(variable).matches()).as("an environment variable's name: %s", variable)
                    .isTrue();
            assertThat(apps.put(variable, cells.get(1))).as("one row for %s", variable).isNull();
        }
        return apps;
    }

    private static List<String> cells(String row) {
        String inner = row.strip().substring(1, row.strip().length() - (row.strip().endsWith("|") ? 1 : 0));
        return Stream.of(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
    }

    /** @return the variables docker-compose.yml sets on a container or interpolates, each with the apps given it */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> composeVariables() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        Map<String, Set<String>> variables = new TreeMap<>();
        PLACEHOLDER.matcher(text).results().forEach(match -> variables.put(match.group(1), new TreeSet<>()));
        Map<String, Object> services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(text).get("services");
        services.forEach((name, definition) -> {
            Map<String, Object> service = (Map<String, Object>) definition;
            Set<String> app = appOfService(service);
            Object environment = service.get("environment");
            Stream<String> names = environment instanceof Map<?, ?> map ? map.keySet().stream().map(String::valueOf)
                    : environment instanceof List<?> list
                    ? list.stream().map(entry -> String.valueOf(entry).split("=")[0])
                    : Stream.empty();
            names.forEach(variable -> variables.computeIfAbsent(variable, v -> new TreeSet<>()).addAll(app));
        });
        return variables;
    }

    /** @return the side a compose service runs, from the Dockerfile it is built from (none for other images) */
    @SuppressWarnings("unchecked")
    private static Set<String> appOfService(Map<String, Object> service) {
        Object build = service.get("build");
        String dockerfile = build instanceof Map<?, ?> map
                ? String.valueOf(((Map<String, Object>) map).get("dockerfile")) : "";
        return dockerfile.startsWith("command-side/") ? Set.of(COMMAND)
                : dockerfile.startsWith("query-side/") ? Set.of(QUERY) : Set.of();
    }

    private static String appColumn(Set<String> readers) {
        String sides = readers.contains(COMMAND) && readers.contains(QUERY) ? "both"
                : readers.contains(COMMAND) ? COMMAND : readers.contains(QUERY) ? QUERY : null;
        if (sides == null) {
            return RUN;
        }
        return readers.contains(RUN) ? sides + ", " + RUN : sides;
    }

    private void readBy(String variable, Set<String> readers) {
        read.computeIfAbsent(variable, v -> new TreeSet<>()).addAll(readers);
    }

    private void bound(String property, Set<String> readers) {
        String variable = environmentName(property);
        readBy(variable, readers);
        boundProperties.put(variable, property);
    }

    /** @return Spring Boot's environment name of {@code property}: upper case, {@code .} and {@code -} as {@code _} */
    private static String environmentName(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private record ConfigFile(Map<String, String> properties, Set<String> readers) {
    }

    /** @return each app configuration file of the modules ({@code src/main/resources}), flat, with who reads it */
    private static List<ConfigFile> appConfigFiles() throws IOException {
        List<ConfigFile> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(dir -> Files.isDirectory(dir.resolve("src/main/resources"))).toList()) {
                Set<String> readers = readersOfModule(module.getFileName().toString());
                try (Stream<Path> resources = Files.walk(module.resolve("src/main/resources"))) {
                    for (Path file : resources.filter(Files::isRegularFile).toList()) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                            YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
                            yaml.setResources(new FileSystemResource(file));
                            files.add(new ConfigFile(flat(yaml.getObject()), readers));
                        } else if (name.endsWith(".properties")) {
                            Properties properties = new Properties();
                            try (InputStream in = Files.newInputStream(file)) {
                                properties.load(in);
                            }
                            files.add(new ConfigFile(flat(properties), readers));
                        }
                    }
                }
            }
        }
        assertThat(files).as("the apps' configuration files").isNotEmpty();
        return files;
    }

    private static Map<String, String> flat(Properties properties) {
        Map<String, String> flat = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> flat.put(key, properties.getProperty(key)));
        return flat;
    }

    private static Set<String> readersOfModule(String module) {
        return switch (module) {
            case "command-side" -> Set.of(COMMAND);
            case "query-side" -> Set.of(QUERY);
            case "app-support" -> Set.of(COMMAND, QUERY);
            case "standalone" -> Set.of(RUN);
            default -> throw new AssertionError("which app reads the settings of module " + module + "?");
        };
    }

    /** @return every {@code @ConfigurationProperties} class of the project, with who reads it (its module) */
    private static Map<Class<?>, Set<String>> configurationPropertiesClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<Class<?>, Set<String>> classes = new LinkedHashMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("dev.serviceaccounts")) {
            try {
                Class<?> type = Class.forName(definition.getBeanClassName());
                classes.put(type, readersOfModule(moduleOf(type)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(classes).as("the project's @ConfigurationProperties classes").isNotEmpty();
        return classes;
    }

    private static String moduleOf(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path part : location) {
                for (String module : List.of("command-side", "query-side", "app-support", "standalone")) {
                    if (part.toString().equals(module) || part.toString().startsWith(module + "-")) {
                        return module;
                    }
                }
            }
            throw new AssertionError("which module holds " + type + "? " + location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the dotted names of every leaf property of {@code type} (a record; nested records are groups) */
    private static List<String> propertiesOf(Class<?> type, String prefix) {
        assertThat(type.isRecord()).as("%s is a record (teach this test other shapes)", type).isTrue();
        List<String> properties = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                properties.addAll(propertiesOf(component.getType(), name));
            } else {
                properties.add(name);
            }
        }
        return properties;
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /**
     * @return whether {@code variable} is the environment name of a property in Spring Boot's configuration metadata
     *         (or below a map-valued one, such as {@code LOGGING_LEVEL_*})
     */
    private static boolean isSpringBootProperty(String variable) {
        return SpringBootProperties.NAMES.entrySet().stream().anyMatch(property -> {
            String name = environmentName(property.getKey());
            return variable.equals(name) || property.getValue() && variable.startsWith(name + "_");
        });
    }

    /** Spring Boot's documented properties, read once: name to whether its value is a map. */
    private static final class SpringBootProperties {

        static final Map<String, Boolean> NAMES = read();

        private static Map<String, Boolean> read() {
            Map<String, Boolean> names = new TreeMap<>();
            try {
                Enumeration<URL> files = ConfigurationDocumentedTests.class.getClassLoader()
                        .getResources("META-INF/spring-configuration-metadata.json");
                for (URL file : Collections.list(files)) {
                    try (InputStream in = file.openStream()) {
                        for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                            names.put(property.path("name").asText(),
                                    property.path("type").asText().startsWith("java.util.Map"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(names).as("Spring Boot's configuration metadata").containsKey("server.forward-headers-strategy");
            return names.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }
}
