package dev.serviceaccounts.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestProperties;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.query.support.TestTokens;
import dev.serviceaccounts.query.token.InstanceTokenEligibilityProjection;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.web.problem.AccessRefusedException;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CallerAuthenticationConverter;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Read rights on the query side (docs/design.md §4), the access policy over the views: operator, auditors,
 * directory readers, functional callers only.
 */
class ViewAccessPolicyTests {

    private InMemoryMongo mongo;
    private EventFeed feed;
    private CompanyAccessPolicy policy;
    private RevokedTokens revokedTokens;
    private ServiceAccountViews views;
    private final TestServiceAccounts caller = TestServiceAccounts.custom().named("caller");

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        views = new ServiceAccountViews(mongo.template());
        TokenEligibilityView tokenView = new TokenEligibilityView();
        feed = new EventFeed(new ServiceAccountProjection(views), new InstanceTokenEligibilityProjection(tokenView));
        revokedTokens = new RevokedTokens(mongo.template(), Clock.systemUTC());
        policy = new CompanyAccessPolicy(new ViewCallerAccounts(tokenView), revokedTokens);
        feed.publish(caller, caller.created());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenOperatorThenReadsAnyCompany() {
        String anyCompany = UUID.randomUUID().toString();

        assertThatCode(() -> requireAuditor(TestTokens.operator(), anyCompany)).doesNotThrowAnyException();
        assertThatCode(() -> requireDirectoryReader(TestTokens.operator(), anyCompany))
                .doesNotThrowAnyException();
    }

    @Test
    void whenAdminToolReadOnlyThenReadsAccountsAndDirectory() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.READ_ONLY));

        assertAuditor(true);
        assertDirectoryReader(true);
    }

    @Test
    void whenDirectoryToolReadOnlyThenReadsDirectoryButNotAccounts() {
        feed.publish(caller, caller.granted(CompanyTool.DIRECTORY, PermissionLevel.READ_ONLY));

        assertDirectoryReader(true);
        assertAuditor(false);
    }

    @Test
    void whenDirectoryToolAdminThenReadsAccountsToo() {
        feed.publish(caller, caller.granted(CompanyTool.DIRECTORY, PermissionLevel.ADMIN));

        assertAuditor(true);
    }

    @Test
    void whenOtherToolOnlyThenForbidden() {
        feed.publish(caller, caller.granted(CompanyTool.REPORTS, PermissionLevel.ADMIN));

        assertAuditor(false);
        assertDirectoryReader(false);
    }

    @Test
    void whenAnotherCompanyThenNotFoundNeverForbidden() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        String other = UUID.randomUUID().toString();

        assertThatThrownBy(() -> requireAuditor(TestTokens.of(caller), other))
                .satisfies(refused(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> requireDirectoryReader(TestTokens.of(caller), other))
                .satisfies(refused(ErrorCode.NOT_FOUND));
    }

    @Test
    void whenTokenRevokedThenTokenRevokedForEveryCallerWhileOtherTokensStillCount() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        Jwt revoked = TestTokens.of(caller);
        Jwt kept = TestTokens.of(caller);
        Jwt operator = TestTokens.operator();

        revokedTokens.revoke(revoked.getId(), revoked.getExpiresAt());
        revokedTokens.revoke(operator.getId(), operator.getExpiresAt());

        assertThatThrownBy(() -> requireAuditor(revoked, caller.companyId())).satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertThatThrownBy(() -> policy.requireCurrentToken(caller(revoked))).satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertThatThrownBy(() -> policy.requireOperator(caller(operator))).satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertThatThrownBy(() -> requireAuditor(operator, caller.companyId())).satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertThatCode(() -> requireAuditor(kept, caller.companyId())).doesNotThrowAnyException();
        assertThatCode(() -> policy.requireCurrentToken(caller(kept))).doesNotThrowAnyException();
    }

    /** docs/decisions.md D24: no instance keeps a "not revoked" answer, so a revocation anywhere counts at once. */
    @Test
    void whenTokenRevokedThroughAnotherInstanceAfterItCountedHereThenRefusedAtOnce() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        Jwt token = TestTokens.of(caller);
        assertThatCode(() -> requireAuditor(token, caller.companyId())).doesNotThrowAnyException();

        new RevokedTokens(mongo.template(), Clock.systemUTC()).revoke(token.getId(), token.getExpiresAt());

        assertThatThrownBy(() -> requireAuditor(token, caller.companyId())).satisfies(refused(ErrorCode.TOKEN_REVOKED));
    }

    @Test
    void whenTokenIssuedBeforeCutoffThenRequireCurrentTokenRefuses() {
        Jwt before = TestTokens.of(caller, TestServiceAccounts.CREATED_AT.plusSeconds(30));
        feed.publish(caller, caller.deactivated());

        assertThatThrownBy(() -> policy.requireCurrentToken(caller(before))).satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertThatCode(() -> policy.requireCurrentToken(caller(TestTokens.operator()))).doesNotThrowAnyException();
    }

    @Test
    void whenCallerDeactivatedThenNoReadRights() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        feed.publish(caller, caller.deactivated());

        assertAuditor(false);
        assertDirectoryReader(false);
    }

    @Test
    void whenCallerEmailChangedThenNoReadRights() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        feed.publish(caller, caller.emailChanged(caller.generatedEmail(), "changed@example.com"));

        assertAuditor(false);
        assertDirectoryReader(false);
    }

    @Test
    void whenCallerInForeignDirectoryThenNoReadRights() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        feed.publish(caller, caller.addedToDirectory(UUID.randomUUID().toString()));

        assertAuditor(false);
    }

    @Test
    void whenCallerFunctionalAgainThenReadRightsBack() {
        String foreign = UUID.randomUUID().toString();
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        feed.publish(caller, caller.addedToDirectory(foreign));

        feed.publish(caller, caller.removedFromDirectory(foreign));

        assertAuditor(true);
    }

    @Test
    void whenTokenIssuedBeforeASecretResetThenRevokedEvenAfterARegrant() {
        Instant before = TestServiceAccounts.CREATED_AT.plusSeconds(90);
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        feed.publish(caller, caller.reset(TestServiceAccounts.secret("secret-2", "new", before), caller.firstSecretId()));
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));

        assertThatThrownBy(() -> requireAuditor(TestTokens.of(caller, before), caller.companyId()))
                .satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertThatThrownBy(() -> requireDirectoryReader(TestTokens.of(caller, before), caller.companyId()))
                .satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertAuditor(true);
    }

    @Test
    void whenTokenIssuedBeforeADeactivationThenRevokedEvenAfterReactivation() {
        Instant before = TestServiceAccounts.CREATED_AT.plusSeconds(90);
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        feed.publish(caller, caller.deactivated());
        feed.publish(caller, caller.reactivated());

        assertThatThrownBy(() -> requireAuditor(TestTokens.of(caller, before), caller.companyId()))
                .satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertAuditor(true);
    }

    @Test
    void whenTokenMintedFromAViewBeforeTheResetThenRevokedEvenWithIatAtTheCutoff() {
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        feed.publish(caller, caller.reset(TestServiceAccounts.secret("secret-2", "new", Instant.now()), caller.firstSecretId()));
        feed.publish(caller, caller.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        ServiceAccountView view = views.findByClientId(caller.clientId()).orElseThrow();
        Instant cutoff = view.tokensValidAfter();
        long resetVersion = view.tokensValidFromVersion();

        assertThatThrownBy(() -> requireAuditor(TestTokens.of(caller, cutoff, resetVersion - 1),
                caller.companyId())).satisfies(refused(ErrorCode.TOKEN_REVOKED));
        assertThatCode(() -> requireAuditor(TestTokens.of(caller, cutoff, resetVersion),
                caller.companyId())).doesNotThrowAnyException();
        assertThatCode(() -> requireAuditor(TestTokens.of(caller, cutoff, view.version()),
                caller.companyId())).doesNotThrowAnyException();
    }

    private void assertAuditor(boolean allowed) {
        assertAllowed(() -> requireAuditor(TestTokens.of(caller), caller.companyId()), allowed);
    }

    private void assertDirectoryReader(boolean allowed) {
        assertAllowed(() -> requireDirectoryReader(TestTokens.of(caller), caller.companyId()), allowed);
    }

    private static void assertAllowed(ThrowingCallable check, boolean allowed) {
        if (allowed) {
            assertThatCode(check).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(check).satisfies(refused(ErrorCode.FORBIDDEN));
        }
    }

    private static ThrowingConsumer<Throwable> refused(ErrorCode code) {
        return failure -> assertThat(failure).isInstanceOfSatisfying(AccessRefusedException.class,
                refused -> assertThat(refused.code()).isEqualTo(code));
    }

    private void requireAuditor(Jwt token, String companyId) {
        policy.require(caller(token), new CompanyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN);
    }

    private void requireDirectoryReader(Jwt token, String companyId) {
        policy.require(caller(token), new CompanyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN,
                CompanyTool.DIRECTORY);
    }

    private static Caller caller(Jwt token) {
        return new CallerAuthenticationConverter(TestProperties.OPERATOR_ID).convert(token).caller();
    }
}
