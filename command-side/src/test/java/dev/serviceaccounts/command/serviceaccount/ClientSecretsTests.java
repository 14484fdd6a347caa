package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CREATED_AT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.SECRET;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.granted;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.permission.RemoveProjectMembershipCommand;
import dev.serviceaccounts.api.permission.SetProjectMembershipCommand;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ClientSecretRotatedEvent;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.ResetClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reset and rotate of client secrets (docs/design.md §3 invariant 6): reset revokes every secret at once and wipes
 * permissions and project memberships; rotate adds a second secret, gives the current one a grace period,
 * keeps permissions, and allows at most two active secrets.
 */
class ClientSecretsTests {

    private static final Instant ROTATED_AT = CREATED_AT.plus(Duration.ofDays(1));
    private static final Instant GRACE_END = ROTATED_AT.plus(Duration.ofDays(7));
    private static final HashedSecret SECOND = secret("secret-2", ROTATED_AT);

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    // Reset

    @Test
    void resetWhenPermissionsAndProjectsThenSecretsRevokedAndGrantsWiped() {
        HashedSecret reset = secret("secret-2", ROTATED_AT);
        fixture.given(TestServiceAccounts.custom().created(),
                        granted(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD),
                        granted(CompanyTool.ADMIN, PermissionLevel.READ_ONLY),
                        membership("project-1", Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)),
                        membership("project-2", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)))
                .when(new ResetClientSecretCommand(ID, COMPANY, reset, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretResetEvent(ID, COMPANY, reset, List.of(SECRET.secretId()),
                        new CompanyPermissions(Map.of(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD,
                                CompanyTool.ADMIN, PermissionLevel.READ_ONLY)),
                        List.of("project-1", "project-2")))
                .expectState(account -> {
                    assertThat(account.rights().companyPermissions()).isEqualTo(CompanyPermissions.NONE);
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS)).isEqualTo(PermissionLevel.NONE);
                    assertThat(account.rights().functional()).isTrue();
                });
    }

    @Test
    void resetWhenNoGrantsThenNothingListedAsWiped() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ResetClientSecretCommand(ID, COMPANY, SECOND, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretResetEvent(ID, COMPANY, SECOND, List.of(SECRET.secretId()),
                        CompanyPermissions.NONE, List.of()));
    }

    @Test
    void resetWhenRotationGraceRunningThenBothSecretsRevoked() {
        HashedSecret reset = secret("secret-3", ROTATED_AT.plus(Duration.ofDays(1)));
        fixture.given(TestServiceAccounts.custom().created(), rotated(SECOND, SECRET, GRACE_END))
                .when(new ResetClientSecretCommand(ID, COMPANY, reset, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretResetEvent(ID, COMPANY, reset,
                        List.of(SECRET.secretId(), SECOND.secretId()), CompanyPermissions.NONE, List.of()));
    }

    @Test
    void resetWhenPreviousGraceEndedThenOnlyWorkingSecretRevoked() {
        HashedSecret reset = secret("secret-3", GRACE_END.plus(Duration.ofDays(1)));
        fixture.given(TestServiceAccounts.custom().created(), rotated(SECOND, SECRET, GRACE_END))
                .when(new ResetClientSecretCommand(ID, COMPANY, reset, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretResetEvent(ID, COMPANY, reset, List.of(SECOND.secretId()),
                        CompanyPermissions.NONE, List.of()));
    }

    @Test
    void resetWhenDoneThenProjectMembershipsGone() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-1", Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)),
                        new ClientSecretResetEvent(ID, COMPANY, SECOND, List.of(SECRET.secretId()),
                                CompanyPermissions.NONE, List.of("project-1")))
                .when(new RemoveProjectMembershipCommand(ID, COMPANY, "project-1"))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void resetWhenDoneThenOnlyNewSecretRemains() {
        HashedSecret third = secret("secret-3", ROTATED_AT.plus(Duration.ofHours(1)));
        Instant thirdGraceEnd = third.createdAt().plus(Duration.ofDays(7));
        fixture.given(TestServiceAccounts.custom().created(),
                        new ClientSecretResetEvent(ID, COMPANY, SECOND, List.of(SECRET.secretId()),
                                CompanyPermissions.NONE, List.of()))
                .when(new RotateClientSecretCommand(ID, COMPANY, third, thirdGraceEnd, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretRotatedEvent(ID, COMPANY, third, SECOND.secretId(), thirdGraceEnd));
    }

    // Rotate

    @Test
    void rotateWhenFirstThenCurrentSecretGetsGracePeriod() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new RotateClientSecretCommand(ID, COMPANY, SECOND, GRACE_END, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretRotatedEvent(ID, COMPANY, SECOND, SECRET.secretId(), GRACE_END));
    }

    @Test
    void rotateWhenPreviousGraceStillRunningThenRejected() {
        HashedSecret third = secret("secret-3", GRACE_END.minusSeconds(1));
        fixture.given(TestServiceAccounts.custom().created(), rotated(SECOND, SECRET, GRACE_END))
                .when(new RotateClientSecretCommand(ID, COMPANY, third, third.createdAt().plus(Duration.ofDays(7)),
                        CallerRights.OPERATOR))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.SECRET_ROTATION_IN_PROGRESS));
    }

    @Test
    void rotateWhenPreviousGraceEndedThenNewerSecretGetsGracePeriod() {
        HashedSecret third = secret("secret-3", GRACE_END.plus(Duration.ofDays(1)));
        Instant thirdGraceEnd = third.createdAt().plus(Duration.ofDays(7));
        fixture.given(TestServiceAccounts.custom().created(), rotated(SECOND, SECRET, GRACE_END))
                .when(new RotateClientSecretCommand(ID, COMPANY, third, thirdGraceEnd, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretRotatedEvent(ID, COMPANY, third, SECOND.secretId(), thirdGraceEnd));
    }

    @Test
    void rotateWhenExactlyAtPreviousGraceEndThenAccepted() {
        HashedSecret third = secret("secret-3", GRACE_END);
        Instant thirdGraceEnd = GRACE_END.plus(Duration.ofDays(7));
        fixture.given(TestServiceAccounts.custom().created(), rotated(SECOND, SECRET, GRACE_END))
                .when(new RotateClientSecretCommand(ID, COMPANY, third, thirdGraceEnd, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretRotatedEvent(ID, COMPANY, third, SECOND.secretId(), thirdGraceEnd));
    }

    @Test
    void rotateWhenGraceZeroThenAccepted() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new RotateClientSecretCommand(ID, COMPANY, SECOND, ROTATED_AT, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretRotatedEvent(ID, COMPANY, SECOND, SECRET.secretId(), ROTATED_AT));
    }

    @Test
    void rotateWhenGraceEndsBeforeNewSecretCreatedThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new RotateClientSecretCommand(ID, COMPANY, SECOND, ROTATED_AT.minusSeconds(1),
                        CallerRights.OPERATOR))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "graceSeconds"));
    }

    @Test
    void rotateWhenGraceEndMissingThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new RotateClientSecretCommand(ID, COMPANY, SECOND, null, CallerRights.OPERATOR))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "graceSeconds"));
    }

    @Test
    void rotateWhenPermissionsSetThenPermissionsKept() {
        fixture.given(TestServiceAccounts.custom().created(),
                        granted(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD),
                        membership("project-1", Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(new RotateClientSecretCommand(ID, COMPANY, SECOND, GRACE_END, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretRotatedEvent(ID, COMPANY, SECOND, SECRET.secretId(), GRACE_END))
                .expectState(account -> {
                    assertThat(account.rights().companyPermissions())
                            .isEqualTo(new CompanyPermissions(Map.of(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD)));
                    assertThat(account.rights().effectiveLevel(CompanyTool.DOCUMENTS))
                            .isEqualTo(PermissionLevel.STANDARD);
                });
    }

    @Test
    void rotateWhenRotatedThenProjectMembershipsKept() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-1", Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)),
                        rotated(SECOND, SECRET, GRACE_END))
                .when(new SetProjectMembershipCommand(ID, COMPANY, "project-1",
                        Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rotateWhenResetDuringGraceThenRotationAllowedAgain() {
        HashedSecret reset = secret("secret-3", ROTATED_AT.plus(Duration.ofDays(1)));
        HashedSecret fourth = secret("secret-4", ROTATED_AT.plus(Duration.ofDays(2)));
        Instant fourthGraceEnd = fourth.createdAt().plus(Duration.ofDays(7));
        fixture.given(TestServiceAccounts.custom().created(), rotated(SECOND, SECRET, GRACE_END),
                        new ClientSecretResetEvent(ID, COMPANY, reset, List.of(SECRET.secretId(), SECOND.secretId()),
                                CompanyPermissions.NONE, List.of()))
                .when(new RotateClientSecretCommand(ID, COMPANY, fourth, fourthGraceEnd, CallerRights.OPERATOR))
                .expectEvents(new ClientSecretRotatedEvent(ID, COMPANY, fourth, reset.secretId(), fourthGraceEnd));
    }

    private static ClientSecretRotatedEvent rotated(HashedSecret newSecret, HashedSecret previous, Instant graceEnd) {
        return new ClientSecretRotatedEvent(ID, COMPANY, newSecret, previous.secretId(), graceEnd);
    }

    private static ProjectMembershipSetEvent membership(String projectId, Map<ProjectTool, PermissionLevel> levels) {
        return new ProjectMembershipSetEvent(ID, COMPANY, projectId, levels);
    }
}
