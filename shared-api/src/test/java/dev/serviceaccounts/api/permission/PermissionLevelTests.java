package dev.serviceaccounts.api.permission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one NONE-dropping rule, for company and project tool levels alike. */
class PermissionLevelTests {

    @Test
    void whenAboveNoneThenNoneAndNullLevelsDropped() {
        Map<ProjectTool, PermissionLevel> levels = new HashMap<>();
        levels.put(ProjectTool.RFIS, PermissionLevel.ADMIN);
        levels.put(ProjectTool.PHOTOS, PermissionLevel.NONE);
        levels.put(ProjectTool.BUDGET, null);

        assertThat(PermissionLevel.aboveNone(levels, ProjectTool.class))
                .containsExactly(Map.entry(ProjectTool.RFIS, PermissionLevel.ADMIN));
        assertThat(PermissionLevel.aboveNone(null, ProjectTool.class)).isEmpty();
    }

    @Test
    void whenCompanyPermissionsMadeThenTheSameRuleDropsNone() {
        CompanyPermissions permissions = new CompanyPermissions(Map.of(CompanyTool.REPORTS, PermissionLevel.NONE,
                CompanyTool.ADMIN, PermissionLevel.READ_ONLY));

        assertThat(permissions.levels()).containsExactly(Map.entry(CompanyTool.ADMIN, PermissionLevel.READ_ONLY));
        assertThat(permissions.with(CompanyTool.ADMIN, PermissionLevel.NONE)).isEqualTo(CompanyPermissions.NONE);
    }
}
