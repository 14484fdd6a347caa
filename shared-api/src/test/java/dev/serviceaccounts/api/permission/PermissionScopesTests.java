package dev.serviceaccounts.api.permission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionScopesTests {

    private static final CompanyPermissions STANDARD_ON_DOCUMENTS =
            new CompanyPermissions(Map.of(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD));

    @Test
    void supportedWhenListedThenOnePerToolAndLevelAboveNone() {
        assertThat(PermissionScopes.supported()).hasSize(CompanyTool.values().length * 3)
                .contains("documents:read-only", "documents:standard", "documents:admin", "erp-integrations:admin")
                .doesNotContain("documents:none");
    }

    @Test
    void heldWhenStandardThenReadOnlyImpliedAndNothingAbove() {
        assertThat(PermissionScopes.held(STANDARD_ON_DOCUMENTS))
                .containsExactly("documents:read-only", "documents:standard");
    }

    @Test
    void heldWhenDirectoryAdminThenAdminOnEveryTool() {
        CompanyPermissions directoryAdmin = new CompanyPermissions(Map.of(CompanyTool.DIRECTORY, PermissionLevel.ADMIN));

        assertThat(PermissionScopes.held(directoryAdmin)).containsExactlyElementsOf(PermissionScopes.supported());
    }

    @Test
    void heldWhenNoPermissionThenNothing() {
        assertThat(PermissionScopes.held(CompanyPermissions.NONE)).isEmpty();
    }

    @Test
    void grantedWhenNoneRequestedThenEverythingHeld() {
        assertThat(PermissionScopes.granted(null, STANDARD_ON_DOCUMENTS)).hasValueSatisfying(
                granted -> assertThat(granted).containsExactly("documents:read-only", "documents:standard"));
        assertThat(PermissionScopes.granted("  ", STANDARD_ON_DOCUMENTS)).hasValueSatisfying(
                granted -> assertThat(granted).hasSize(2));
    }

    @Test
    void grantedWhenSubsetRequestedThenExactlyThatInSupportedOrder() {
        assertThat(PermissionScopes.granted("documents:standard  documents:read-only documents:standard",
                STANDARD_ON_DOCUMENTS)).hasValueSatisfying(
                granted -> assertThat(granted).containsExactly("documents:read-only", "documents:standard"));
    }

    @Test
    void grantedWhenMoreThanHeldOrUnknownRequestedThenRefused() {
        assertThat(PermissionScopes.granted("documents:admin", STANDARD_ON_DOCUMENTS)).isEmpty();
        assertThat(PermissionScopes.granted("read", STANDARD_ON_DOCUMENTS)).isEmpty();
        assertThat(PermissionScopes.granted("Documents:standard", STANDARD_ON_DOCUMENTS)).isEmpty();
    }

    @Test
    void grantedWhenOperatorThenAnyKnownScope() {
        assertThat(PermissionScopes.granted("timecard:admin", null)).hasValueSatisfying(
                granted -> assertThat(granted).containsExactly("timecard:admin"));
        assertThat(PermissionScopes.granted("anything", null)).isEmpty();
        assertThat(PermissionScopes.granted(null, null)).hasValueSatisfying(granted -> assertThat(granted).isEmpty());
    }
}
