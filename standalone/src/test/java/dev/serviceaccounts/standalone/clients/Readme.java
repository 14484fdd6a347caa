package dev.serviceaccounts.standalone.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ByteArrayResource;

/**
 * The code blocks of README.md's section "Use the tokens in your API", as a reader copies them: each found by its
 * heading, so that a test runs exactly what the README shows.
 */
final class Readme {

    private static final Path README = Path.of("..", "README.md");
    private static final String PACKAGE_LINE = "package " + Readme.class.getPackageName() + ";\n\n";

    private Readme() {
    }

    /** @return the first {@code ```language} block after the line {@code heading}, without its fences */
    static String block(String heading, String language) {
        String readme = read(README);
        int section = readme.indexOf("\n" + heading + "\n");
        assertThat(section).as("README has the heading %s", heading).isPositive();
        Matcher block = Pattern.compile("```" + Pattern.quote(language) + "\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).as("a %s block after %s", language, heading).isTrue();
        int nextHeading = readme.indexOf("\n#", section + 1);
        assertThat(nextHeading < 0 || block.start() < nextHeading).as("the %s block is under %s", language, heading)
                .isTrue();
        return block.group(1);
    }

    /** @return the YAML block under {@code heading} as Spring Boot reads it: flat, dotted keys */
    static Map<String, String> yamlProperties(String heading) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ByteArrayResource(block(heading, "yaml").getBytes(StandardCharsets.UTF_8)));
        Properties properties = yaml.getObject();
        Map<String, String> flat = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> flat.put(key, properties.getProperty(key)));
        return flat;
    }

    /**
     * Asserts that the Java block under {@code heading} is, after this package's {@code package} line, exactly the
     * test source of {@code type}: the class the test starts is the class the README shows.
     */
    static void assertSourceIsTheBlock(Class<?> type, String heading) {
        Path source = Path.of("src", "test", "java", type.getName().replace('.', '/') + ".java");
        assertThat(read(source)).as("%s is the README's Java block under %s", source, heading)
                .isEqualTo(PACKAGE_LINE + block(heading, "java"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
