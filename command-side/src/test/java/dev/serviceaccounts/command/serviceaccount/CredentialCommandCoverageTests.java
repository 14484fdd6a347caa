package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CREATED_AT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.granted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.CredentialCommand;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCommand;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Safety by construction for docs/design.md §4 "No credential carries more than its issuer holds": every message
 * of shared-api that carries a {@link HashedSecret} is found by scanning the classpath, not listed by hand.
 * Each command among them must be a {@link CredentialCommand}, and each, sent without the caller's rights,
 * must be refused by the aggregate: proof that it passes through the one rule, whatever else it does.
 */
class CredentialCommandCoverageTests {

    private static final Instant AT = CREATED_AT.plus(Duration.ofDays(1));

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    @Test
    void scanWhenSharedApiReadThenFindsTheKnownCredentialCommandsAndOnlyCommandsOrEvents() {
        assertThat(messagesCarryingASecret())
                .as("every message with a secret's hash is a command or an event (STYLE naming)")
                .allMatch(type -> type.getSimpleName().endsWith("Command") || type.getSimpleName().endsWith("Event"));
        assertThat(credentialCommandTypes().map(Named::getName))
                .contains("CreateServiceAccountCommand", "ResetClientSecretCommand", "RotateClientSecretCommand");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialCommandTypes")
    void commandWhenItCarriesASecretThenItIsACredentialCommand(Class<?> type) {
        assertThat(CredentialCommand.class).isAssignableFrom(type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialCommandTypes")
    void commandWhenItCarriesASecretAndNoCallerRightsThenRefusedByTheRule(Class<?> type) {
        Object command = instanceWithoutIssuer(type);
        TestExecutor<ServiceAccount> given = ServiceAccountCommand.class.isAssignableFrom(type)
                ? fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DIRECTORY, PermissionLevel.ADMIN))
                : fixture.givenNoPriorActivity();
        given.when(command)
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    /** @return every command record of shared-api with a {@link HashedSecret} component */
    static Stream<Named<Class<?>>> credentialCommandTypes() {
        return messagesCarryingASecret().stream()
                .filter(type -> type.getSimpleName().endsWith("Command"))
                .map(type -> Named.of(type.getSimpleName(), type));
    }

    private static List<Class<?>> messagesCarryingASecret() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        return scanner.findCandidateComponents("dev.serviceaccounts.api").stream()
                .<Class<?>>map(definition -> load(definition.getBeanClassName()))
                .filter(type -> Arrays.stream(type.getRecordComponents())
                        .anyMatch(component -> component.getType() == HashedSecret.class))
                .toList();
    }

    /** @return an instance of the record with plausible values and a null {@link CallerRights} */
    private static Object instanceWithoutIssuer(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Map<Class<?>, Object> samples = Map.of(
                ServiceAccountId.class, ID,
                CompanyId.class, COMPANY,
                HashedSecret.class, TestServiceAccounts.secret("secret-2", AT),
                Instant.class, AT.plus(Duration.ofDays(7)),
                ClientId.class, TestServiceAccounts.CLIENT_ID,
                ContactId.class, TestServiceAccounts.CONTACT,
                AppType.class, AppType.CUSTOM,
                String.class, "sample");
        for (int i = 0; i < components.length; i++) {
            Class<?> componentType = components[i].getType();
            values[i] = componentType == CallerRights.class ? null
                    : componentType == boolean.class ? Boolean.FALSE : samples.get(componentType);
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a " + type.getSimpleName(), e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
