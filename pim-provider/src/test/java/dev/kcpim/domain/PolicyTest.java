package dev.kcpim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTest {

    private static final String ROLE = "5f1c2e0a-0000-4000-8000-000000000001";

    /** Defaults with the fields a test varies. */
    private static Policy policy(int maxActivation, int minApprovals, int approvalTimeout, String pattern,
                                 Long maxEligibility) {
        return new Policy(ROLE, maxActivation, true, true, pattern, false, false, Approvers.none(), minApprovals,
                approvalTimeout, true, maxEligibility, false, null, true);
    }

    private static Policy withApprovers(boolean requireApproval, Approvers approvers, int minApprovals) {
        return new Policy(ROLE, 28_800, true, true, null, false, requireApproval, approvers, minApprovals, 86_400,
                true, null, false, null, true);
    }

    private static Set<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toSet());
    }

    private static void assertInvalid(Policy policy, String field) {
        assertThatThrownBy(policy::validate).isInstanceOfSatisfying(PimException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.description()).contains(field);
        });
    }

    @Test
    void defaultsAreTheContractDefaults() {
        Policy p = Policy.defaults(ROLE);

        assertThat(p.roleId()).isEqualTo(ROLE);
        assertThat(p.maxActivationSeconds()).isEqualTo(28_800);
        assertThat(p.requireOtp()).isTrue();
        assertThat(p.requireJustification()).isTrue();
        assertThat(p.justificationPattern()).isNull();
        assertThat(p.requireTicket()).isFalse();
        assertThat(p.requireApproval()).isFalse();
        assertThat(p.approvers().isEmpty()).isTrue();
        assertThat(p.minApprovals()).isEqualTo(1);
        assertThat(p.approvalTimeoutSeconds()).isEqualTo(86_400);
        assertThat(p.allowPermanentEligibility()).isTrue();
        assertThat(p.maxEligibilitySeconds()).isNull();
        assertThat(p.approverRequireOtp()).isFalse();
        assertThat(p.validate()).isSameAs(p);
    }

    @Test
    void constantsMatchTheContract() {
        assertThat(Policy.MIN_ACTIVATION_SECONDS).isEqualTo(60);
        assertThat(Policy.MAX_ACTIVATION_SECONDS).isEqualTo(2_592_000);
        assertThat(Policy.MAX_JUSTIFICATION_LENGTH).isEqualTo(1000);
        assertThat(Policy.MAX_TICKET_LENGTH).isEqualTo(200);
        assertThat(Policy.MAX_PATTERN_LENGTH).isEqualTo(500);
        assertThat(Policy.MAX_SCHEDULE_AHEAD_SECONDS).isEqualTo(30L * 86_400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankRoleIdIsRejected(String roleId) {
        assertInvalid(new Policy(roleId, 28_800, true, true, null, false, false, null, 1, 86_400, true, null, false, null, true),
                "roleId");
        assertInvalid(new Policy(null, 28_800, true, true, null, false, false, null, 1, 86_400, true, null, false, null, true),
                "roleId");
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 2_592_000})
    void maxActivationAtItsBoundsIsValid(int seconds) {
        assertThat(policy(seconds, 1, 86_400, null, null).validate().maxActivationSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(ints = {59, 2_592_001, 0, -1})
    void maxActivationOutsideItsBoundsIsRejected(int seconds) {
        assertInvalid(policy(seconds, 1, 86_400, null, null), "maxActivationSeconds");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50})
    void minApprovalsAtItsBoundsIsValid(int n) {
        Policy p = withApprovers(true, new Approvers(Set.of(), Set.of("g"), Set.of()), n);
        assertThat(p.validate()).isSameAs(p);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 51, -1})
    void minApprovalsOutsideItsBoundsIsRejected(int n) {
        assertInvalid(policy(28_800, n, 86_400, null, null), "minApprovals");
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 2_592_000})
    void approvalTimeoutAtItsBoundsIsValid(int seconds) {
        assertThat(policy(28_800, 1, seconds, null, null).validate().approvalTimeoutSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(ints = {299, 2_592_001})
    void approvalTimeoutOutsideItsBoundsIsRejected(int seconds) {
        assertInvalid(policy(28_800, 1, seconds, null, null), "approvalTimeoutSeconds");
    }

    @Test
    void patternOf500CharactersIsValidAnd501IsNot() {
        String p500 = "a".repeat(500);
        assertThat(policy(28_800, 1, 86_400, p500, null).validate().justificationPattern()).isEqualTo(p500);
        assertInvalid(policy(28_800, 1, 86_400, "a".repeat(501), null), "justificationPattern");
    }

    @Test
    void malformedPatternIsRejectedWithTheRegexError() {
        assertThatThrownBy(() -> policy(28_800, 1, 86_400, "INC-[0-9+", null).validate())
                .isInstanceOfSatisfying(PimException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.description()).startsWith("justificationPattern is not a valid RE2 regular expression");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankPatternMeansNoPattern(String blank) {
        assertThat(policy(28_800, 1, 86_400, blank, null).justificationPattern()).isNull();
    }

    @Test
    void aHintOf200CharactersIsValidA201CharacterOneIsNotAndABlankOneIsNone() {
        Policy defaults = Policy.defaults(ROLE);
        assertThat(withHint(defaults, "x".repeat(200)).validate().justificationHint()).hasSize(200);
        assertInvalid(withHint(defaults, "x".repeat(201)), "justificationHint");
        assertThat(withHint(defaults, "  ").justificationHint()).isNull();
        assertThat(defaults.justificationHint()).isNull();
    }

    private static Policy withHint(Policy p, String hint) {
        return new Policy(p.roleId(), p.maxActivationSeconds(), p.requireOtp(), p.requireJustification(), p.justificationPattern(),
                p.requireTicket(), p.requireApproval(), p.approvers(), p.minApprovals(), p.approvalTimeoutSeconds(),
                p.allowPermanentEligibility(), p.maxEligibilitySeconds(), p.approverRequireOtp(), hint, p.allowExtension());
    }

    @Test
    void nullApproversMeanNone() {
        assertThat(withApprovers(false, null, 1).approvers()).isEqualTo(Approvers.none());
    }

    @Test
    void maxEligibilityMayBeNullOrAtLeast60() {
        assertThat(policy(28_800, 1, 86_400, null, null).validate().maxEligibilitySeconds()).isNull();
        assertThat(policy(28_800, 1, 86_400, null, 60L).validate().maxEligibilitySeconds()).isEqualTo(60L);
        assertInvalid(policy(28_800, 1, 86_400, null, 59L), "maxEligibilitySeconds");
        assertInvalid(policy(28_800, 1, 86_400, null, 0L), "maxEligibilitySeconds");
    }

    @Test
    void approvalWithoutApproversIsRejected() {
        assertInvalid(withApprovers(true, Approvers.none(), 1), "requireApproval");
        assertThat(withApprovers(false, Approvers.none(), 1).validate().requireApproval()).isFalse();
    }

    @Test
    void eachKindOfApproverSatisfiesRequireApproval() {
        assertThat(withApprovers(true, new Approvers(Set.of("u"), null, null), 1).validate()).isNotNull();
        assertThat(withApprovers(true, new Approvers(null, Set.of("g"), null), 1).validate()).isNotNull();
        assertThat(withApprovers(true, new Approvers(null, null, Set.of("r")), 1).validate()).isNotNull();
    }

    @Test
    void minApprovalsCannotExceedTheListedUsersWhenOnlyUsersApprove() {
        Approvers twoUsers = new Approvers(Set.of("u1", "u2"), null, null);

        assertThat(withApprovers(true, twoUsers, 2).validate().minApprovals()).isEqualTo(2);
        assertInvalid(withApprovers(true, twoUsers, 3), "minApprovals (3) exceeds the number of approver users (2)");
        assertThat(withApprovers(true, new Approvers(Set.of("u1"), Set.of("g"), null), 3).validate()).isNotNull();
    }

    @Test
    void approverIdsMustBeNonBlankAndAtMost255Characters() {
        assertThat(withApprovers(false, new Approvers(Set.of("x".repeat(255)), null, null), 1).validate()).isNotNull();
        assertInvalid(withApprovers(false, new Approvers(Set.of("x".repeat(256)), null, null), 1), "approvers.users");
        assertInvalid(withApprovers(false, new Approvers(null, Set.of(" "), null), 1), "approvers.groups");
        assertInvalid(withApprovers(false, new Approvers(null, null, Set.of("")), 1), "approvers.roles");
        assertInvalid(withApprovers(false, new Approvers(null, new HashSet<>(Arrays.asList("g", null)), null), 1),
                "approvers.groups");
    }

    @Test
    void atMost100ApproversInTotal() {
        Approvers hundred = new Approvers(ids("u", 40), ids("g", 30), ids("r", 30));
        Approvers hundredAndOne = new Approvers(ids("u", 40), ids("g", 30), ids("r", 31));

        assertThat(withApprovers(true, hundred, 1).validate()).isNotNull();
        assertInvalid(withApprovers(true, hundredAndOne, 1), "at most 100");
    }
}
