package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.DomainErrors.domainError;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.COMPANY;
import static dev.serviceaccounts.command.serviceaccount.TestServiceAccounts.ID;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipRemovedEvent;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.permission.RemoveProjectMembershipCommand;
import dev.serviceaccounts.api.permission.SetProjectMembershipCommand;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Project memberships: set with project tool levels (only those above NONE are kept), and removed. */
class ProjectMembershipTests {

    private static final String PROJECT = "project-1";

    private FixtureConfiguration<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    @Test
    void setWhenNotMemberThenMembershipSetWithLevelsAboveNoneOnly() {
        Map<ProjectTool, PermissionLevel> levels = new EnumMap<>(ProjectTool.class);
        levels.put(ProjectTool.BUDGET, PermissionLevel.READ_ONLY);
        levels.put(ProjectTool.DRAWINGS, PermissionLevel.NONE);
        levels.put(ProjectTool.RFIS, PermissionLevel.ADMIN);
        fixture.given(TestServiceAccounts.custom().created())
                .when(new SetProjectMembershipCommand(ID, COMPANY, PROJECT, levels))
                .expectEvents(membership(PROJECT, Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY,
                        ProjectTool.RFIS, PermissionLevel.ADMIN)));
    }

    @Test
    void setWhenSameLevelsAgainThenNoEvent() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership(PROJECT, Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(new SetProjectMembershipCommand(ID, COMPANY, PROJECT,
                        Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY, ProjectTool.PHOTOS, PermissionLevel.NONE)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void setWhenLevelsChangedThenMembershipSet() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership(PROJECT, Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(new SetProjectMembershipCommand(ID, COMPANY, PROJECT,
                        Map.of(ProjectTool.BUDGET, PermissionLevel.NONE, ProjectTool.PHOTOS, PermissionLevel.STANDARD)))
                .expectEvents(membership(PROJECT, Map.of(ProjectTool.PHOTOS, PermissionLevel.STANDARD)));
    }

    @Test
    void setWhenMemberOfAnotherProjectThenOnlyThisProjectSet() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-2", Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(new SetProjectMembershipCommand(ID, COMPANY, PROJECT,
                        Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .expectEvents(membership(PROJECT, Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)));
    }

    @Test
    void setWhenProjectIdMissingThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new SetProjectMembershipCommand(ID, COMPANY, null,
                        Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "projectId"));
    }

    @Test
    void setWhenProjectIdHasCharactersOutsideTheTokenSetThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new SetProjectMembershipCommand(ID, COMPANY, "site.north",
                        Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "projectId"));
    }

    @Test
    void setWhenALevelIsMissingThenRejected() {
        java.util.Map<ProjectTool, PermissionLevel> levels = new java.util.EnumMap<>(ProjectTool.class);
        levels.put(ProjectTool.BUDGET, null);
        fixture.given(TestServiceAccounts.custom().created())
                .when(new SetProjectMembershipCommand(ID, COMPANY, PROJECT, levels))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "permissions"));
    }

    @Test
    void setWhenPermissionsMissingThenRejected() {
        fixture.given(TestServiceAccounts.custom().created())
                .when(new SetProjectMembershipCommand(ID, COMPANY, PROJECT, null))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_FIELD, "permissions"));
    }

    @Test
    void removeWhenMemberThenMembershipRemoved() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership(PROJECT, Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(new RemoveProjectMembershipCommand(ID, COMPANY, PROJECT))
                .expectEvents(new ProjectMembershipRemovedEvent(ID, COMPANY, PROJECT));
    }

    @Test
    void removeWhenNotMemberThenNotFound() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership("project-2", Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)))
                .when(new RemoveProjectMembershipCommand(ID, COMPANY, PROJECT))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void removeWhenAlreadyRemovedThenNotFound() {
        fixture.given(TestServiceAccounts.custom().created(),
                        membership(PROJECT, Map.of(ProjectTool.BUDGET, PermissionLevel.READ_ONLY)),
                        new ProjectMembershipRemovedEvent(ID, COMPANY, PROJECT))
                .when(new RemoveProjectMembershipCommand(ID, COMPANY, PROJECT))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    private static ProjectMembershipSetEvent membership(String projectId, Map<ProjectTool, PermissionLevel> levels) {
        return new ProjectMembershipSetEvent(ID, COMPANY, projectId, levels);
    }
}
