package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.CREATED_AT;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.SECRET;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.granted;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.secret;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.CallerRights;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
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
 * docs/design.md §4 "No credential carries more than its issuer holds", per credential command. Rotation keeps the
 * account's grants, so the caller must hold each of them (company and project level, DIRECTORY ADMIN
 * implying ADMIN everywhere); reset and creation hand out an account with no permission, so any caller
 * passes, but a command without the caller's rights is refused by all three.
 */
class CredentialIssuanceTests {

    private static final Instant AT = CREATED_AT.plus(Duration.ofDays(1));
    private static final Instant GRACE_END = AT.plus(Duration.ofDays(7));
    private static final HashedSecret NEW = secret("secret-2", AT);
    private static final CallerRights ADMIN_TOOL_ADMIN = company(Map.of(CompanyTool.ADMIN, PermissionLevel.ADMIN));
    private static final CallerRights DIRECTORY_ADMIN = company(Map.of(CompanyTool.DIRECTORY, PermissionLevel.ADMIN));

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    // Rotate, company level

    @Test
    void rotateWhenTargetHoldsDirectoryAdminAndCallerOnlyAdminToolAdminThenRefused() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DIRECTORY, PermissionLevel.ADMIN))
                .when(rotate(ADMIN_TOOL_ADMIN))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    @Test
    void rotateWhenTargetHoldsAHigherLevelOnOneToolThenRefused() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD))
                .when(rotate(company(Map.of(CompanyTool.ADMIN, PermissionLevel.ADMIN,
                        CompanyTool.DOCUMENTS, PermissionLevel.READ_ONLY))))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    @Test
    void rotateWhenCallerHoldsEveryCompanyLevelOfTheTargetThenRotated() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD),
                        granted(CompanyTool.ADMIN, PermissionLevel.READ_ONLY))
                .when(rotate(company(Map.of(CompanyTool.ADMIN, PermissionLevel.ADMIN,
                        CompanyTool.DOCUMENTS, PermissionLevel.STANDARD))))
                .expectEvents(rotated());
    }

    @Test
    void rotateWhenCallerIsDirectoryAdminThenRotatedWhateverTheTargetHolds() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DIRECTORY, PermissionLevel.ADMIN),
                        membership("project-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)))
                .when(rotate(DIRECTORY_ADMIN))
                .expectEvents(rotated());
    }

    @Test
    void rotateWhenCallerIsOperatorThenRotated() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DIRECTORY, PermissionLevel.ADMIN))
                .when(rotate(CallerRights.OPERATOR))
                .expectEvents(rotated());
    }

    @Test
    void rotateWhenTargetHoldsNothingThenAnyCallerRotates() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(rotate(CallerRights.NONE))
                .expectEvents(rotated());
    }

    // Rotate, project level

    @Test
    void rotateWhenTargetHoldsAProjectLevelTheCallerLacksThenRefused() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)))
                .when(rotate(CallerRights.of(ADMIN_TOOL_ADMIN.company(),
                        Map.of("project-1", Map.of(ProjectTool.RFIS, PermissionLevel.STANDARD)))))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    @Test
    void rotateWhenCallerIsNotInTheTargetsProjectThenRefused() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-1", Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(rotate(CallerRights.of(ADMIN_TOOL_ADMIN.company(),
                        Map.of("project-2", Map.of(ProjectTool.BUDGET, PermissionLevel.ADMIN)))))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    @Test
    void rotateWhenCallerHoldsEveryProjectLevelOfTheTargetThenRotated() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-1", Map.of(ProjectTool.RFIS, PermissionLevel.STANDARD,
                                ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(rotate(CallerRights.of(ADMIN_TOOL_ADMIN.company(), Map.of("project-1",
                        Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN, ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))))
                .expectEvents(rotated());
    }

    @Test
    void rotateWhenCallerIsCompanyDirectoryAdminThenHoldsEveryProjectTool() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-1", Map.of(ProjectTool.SUBMITTALS, PermissionLevel.ADMIN)))
                .when(rotate(DIRECTORY_ADMIN))
                .expectEvents(rotated());
    }

    @Test
    void rotateWhenCommandCarriesNoCallerRightsThenRefused() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(rotate(null))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    // Reset: the new secret carries no permission

    @Test
    void resetWhenTargetHoldsMoreAtCompanyLevelThenResetAndWiped() {
        fixture.given(TestServiceAccounts.custom().created(), granted(CompanyTool.DIRECTORY, PermissionLevel.ADMIN))
                .when(new ResetClientSecretCommand(ID, COMPANY, NEW, ADMIN_TOOL_ADMIN))
                .expectEvents(new ClientSecretResetEvent(ID, COMPANY, NEW, List.of(SECRET.secretId()),
                        new CompanyPermissions(Map.of(CompanyTool.DIRECTORY, PermissionLevel.ADMIN)), List.of()));
    }

    @Test
    void resetWhenTargetHoldsMoreAtProjectLevelThenResetAndWiped() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)))
                .when(new ResetClientSecretCommand(ID, COMPANY, NEW, CallerRights.NONE))
                .expectEvents(new ClientSecretResetEvent(ID, COMPANY, NEW, List.of(SECRET.secretId()),
                        CompanyPermissions.NONE, List.of("project-1")));
    }

    @Test
    void resetWhenCommandCarriesNoCallerRightsThenRefused() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new ResetClientSecretCommand(ID, COMPANY, NEW, null))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    // Create: a new account holds nothing

    @Test
    void createWhenCallerHoldsNothingThenCreated() {
        fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.custom().issuedBy(CallerRights.NONE).command())
                .expectEvents(TestServiceAccounts.custom().created());
    }

    @Test
    void createWhenCommandCarriesNoCallerRightsThenRefused() {
        fixture.givenNoPriorActivity()
                .when(TestServiceAccounts.custom().issuedBy(null).command())
                .expectNoEvents()
                .expectException(domainError(ErrorCode.CREDENTIAL_EXCEEDS_CALLER));
    }

    private static RotateClientSecretCommand rotate(CallerRights issuer) {
        return new RotateClientSecretCommand(ID, COMPANY, NEW, GRACE_END, issuer);
    }

    private static ClientSecretRotatedEvent rotated() {
        return new ClientSecretRotatedEvent(ID, COMPANY, NEW, SECRET.secretId(), GRACE_END);
    }

    private static CallerRights company(Map<CompanyTool, PermissionLevel> levels) {
        return CallerRights.of(new CompanyPermissions(levels), Map.of());
    }

    private static ProjectMembershipSetEvent membership(String projectId, Map<ProjectTool, PermissionLevel> levels) {
        return new ProjectMembershipSetEvent(ID, COMPANY, projectId, levels);
    }
}
