package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code bash} blocks of the README's walkthrough (its section, up to the next {@code ##} heading), as a
 * reader pastes them, in one bash process against
 * the test system (its URLs in place of {@code localhost:8080} and {@code :8081}, its operator secret in place
 * of the placeholder), and checks what each block prints: every block shows its result, and a wrong secret
 * shows the token endpoint's error and then 401 problem+json, never an empty line or Spring's default 400.
 * Needs {@code bash} and {@code curl}, which the CI script installs when they are missing.
 */
class ReadmeWalkthroughTests {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("^### (.+)$", Pattern.MULTILINE);
    private static final String SECRET_PLACEHOLDER = "'<printed in the banner at first start>'";
    private static final String BLOCK_MARK = "@@block ";

    private static final TestSystem system = TestSystem.shared();
    private static List<String> blocks;
    /** The {@code ###} section of each block (empty before the first). */
    private static List<String> sections;

    @BeforeAll
    static void readTheReadme() throws IOException, InterruptedException {
        boolean tools;
        try {
            tools = new ProcessBuilder("bash", "-c", "command -v curl").start().waitFor() == 0;
        } catch (IOException noBash) {
            tools = false;
        }
        if (!tools) {
            System.err.println("*** SKIPPED ReadmeWalkthroughTests: bash or curl is missing on this machine "
                    + "(.ci/run installs them; CI skips nothing) ***");
        }
        Assumptions.assumeTrue(tools, "bash and curl are needed to paste the README walkthrough");
        String readme = Files.readString(Path.of("..", "README.md"));
        int walkthrough = readme.indexOf("## Walkthrough with curl");
        assertThat(walkthrough).as("README has its walkthrough").isPositive();
        int nextSection = readme.indexOf("\n## ", walkthrough);
        String walkthroughSection = readme.substring(walkthrough, nextSection < 0 ? readme.length() : nextSection);
        blocks = new ArrayList<>();
        sections = new ArrayList<>();
        String text = walkthroughSection;
        Matcher matcher = BASH_BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
            Matcher heading = SECTION.matcher(text.substring(0, matcher.start()));
            String section = "";
            while (heading.find()) {
                section = heading.group(1);
            }
            sections.add(section);
        }
        assertThat(blocks).as("bash blocks of the walkthrough").hasSizeGreaterThanOrEqualTo(8);
        assertThat(blocks.get(0)).contains(SECRET_PLACEHOLDER);
    }

    @Test
    void whenPastedInOrderThenEveryBlockShowsItsResult() throws Exception {
        List<String> outputs = run("'" + TestSystem.OPERATOR_SECRET + "'");

        assertThat(outputs).hasSameSizeAs(blocks);
        for (int i = 0; i < outputs.size(); i++) {
            assertThat(outputs.get(i)).as("block %d shows something", i + 1).isNotBlank();
            assertThat(outputs.get(i)).as("block %d", i + 1).doesNotContain("\"status\":500").doesNotContain("\"status\":400");
        }
        assertThat(outputs.get(0)).as("operator token").contains("\"access_token\":\"ey");
        assertThat(outputs.get(1)).as("company and account").contains("\"companyId\":\"").contains("\"clientSecret\":\"");
        assertThat(outputs.get(2)).as("the account's token").contains("HTTP/1.1 200").contains("\"token_type\":\"Bearer\"");
        assertThat(outputs.get(3)).as("no permission yet").contains("\"usable\":false").contains("NO_PERMISSIONS");
        assertThat(outputs.get(4)).as("after the grant").contains("\"usable\":true");
        assertThat(outputs.get(5)).as("email change refused").contains("service-account-email-fixed");
        assertThat(outputs.get(6)).as("acknowledged change").contains("EMAIL_CHANGED").contains("invalid_client")
                .contains(" 401");
        assertThat(outputs.get(7)).as("undone").contains("200");
        assertThat(section(outputs, "Scopes")).as("a token with one scope")
                .contains("\"scope\":\"documents:read-only\"").contains("\"access_token\":\"");
        assertThat(section(outputs, "Introspection, revocation, token info")).as("introspection, token info, revocation")
                .contains("{\"active\":true,").contains("\"resource_owner_id\":\"").contains("HTTP/1.1 200")
                .contains("{\"active\":false}");
        String pastInstant = section(outputs, "State at a past instant");
        assertThat(pastInstant).as("state at a past instant")
                .contains("\"permissions\":{\"DOCUMENTS\":\"READ_ONLY\"}")
                .contains("\"DOCUMENTS\":{\"level\":\"READ_ONLY\",\"changedBy\":\"operator\"")
                .contains("\"ADMIN\":{\"level\":\"ADMIN\",\"changedBy\":\"operator\"")
                .contains("\"asOf\":\"");
        assertThat(pastInstant.substring(pastInstant.lastIndexOf("as of ")))
                .as("the company's admins now").contains("\"name\":\"ERP sync\"\n\"ADMIN\":{\"level\":\"ADMIN\"");
        assertThat(pastInstant.substring(pastInstant.indexOf("as of "), pastInstant.lastIndexOf("as of ")))
                .as("the company's admins at D").contains("\"name\":\"ERP sync\"").doesNotContain("\"level\":\"ADMIN\"");
        String byActor = outputs.get(block("/audit/events?actor=$Y"));
        assertThat(byActor).as("everything the operator changed, every page, then the grants")
                .contains("\"type\":\"CompanyCreatedEvent\"").contains("\"type\":\"ServiceAccountCreatedEvent\"")
                .contains("\"type\":\"CompanyPermissionGrantedEvent\",\"aggregateType\":\"ServiceAccount\"")
                .contains("\"previousLevel\":\"NONE\"").doesNotContain("sha256").doesNotContain("\"status\":");
        assertThat(byActor.lines().filter(line -> line.startsWith("\"time\":") && line.contains("\"actor\":\"operator\""))
                .count()).as("one line per change, over more than one page of 3").isGreaterThanOrEqualTo(5);
        assertThat(outputs.get(block("application/x-ndjson"))).as("the NDJSON export")
                .contains("HTTP/1.1 200").contains("Content-Type: application/x-ndjson")
                .contains("Content-Disposition: attachment; filename=\"audit-events-")
                .contains("\"type\":\"CompanyCreatedEvent\"");
        assertThat(section(outputs, "Rebuilding a view")).as("processors listed, the account view rebuilt")
                .contains("\"name\":\"service-accounts-view\"").contains("HTTP/1.1 202")
                .contains("Location: /api/v1/admin/processors/service-accounts-view")
                .contains("\"state\":\"SWITCHED\"").contains("\"name\":\"ERP sync\"");
        assertThat(section(outputs, "Rebuilding a view")).as("the lookup tables rebuilt")
                .contains("Location: /api/v1/admin/lookup-tables/rebuild")
                .contains("{\"state\":\"SWITCHED\",\"live\":\"_r")
                .contains("\"tables\":[\"client_id_registry\",\"contact_registry\",\"directory_emails\"]");
    }

    /** @return what the blocks of the walkthrough's section {@code heading} printed, one after the other */
    private static String section(List<String> outputs, String heading) {
        assertThat(sections).as("README has the section " + heading).contains(heading);
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < outputs.size(); i++) {
            if (sections.get(i).equals(heading)) {
                printed.append(outputs.get(i));
            }
        }
        return printed.toString();
    }

    /** @return the index of the only block that contains {@code text} */
    private static int block(String text) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).contains(text)) {
                found.add(i);
            }
        }
        assertThat(found).as("blocks that contain " + text).hasSize(1);
        return found.get(0);
    }

    @Test
    void whenSecretWrongThenTheTokenErrorShowsAndTheNextBlockAnswers401Problem() throws Exception {
        List<String> outputs = run("'not-the-operator-secret'");

        assertThat(outputs.get(0)).contains("\"error\":\"invalid_client\"");
        assertThat(outputs.get(1)).contains("\"status\":401").contains("\"code\":\"UNAUTHORIZED\"")
                .doesNotContain("\"status\":400");
    }

    /** @return what each block printed (stdout and stderr), in order */
    private static List<String> run(String secret) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i)
                    .replace(SECRET_PLACEHOLDER, secret)
                    .replace("http://localhost:8080", system.queryUrl())
                    .replace("http://localhost:8081", system.commandUrl());
            script.append("echo '").append(BLOCK_MARK).append(i + 1).append("' >&2\n").append(block).append('\n');
        }
        Path file = Files.createTempFile("walkthrough", ".sh");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(240, TimeUnit.SECONDS)).as("the walkthrough ends").isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> outputs = new ArrayList<>();
        for (String part : output.split(Pattern.quote(BLOCK_MARK))) {
            if (!part.isEmpty()) {
                outputs.add(part.substring(part.indexOf('\n') + 1));
            }
        }
        return outputs;
    }
}
