package dev.kcpim.service;

import dev.kcpim.domain.ErrorCode;
import dev.kcpim.domain.PimException;
import dev.kcpim.domain.Texts;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Step-up with a fresh one-time code, checked by Keycloak's own credential manager against the
 * user's stored OTP credentials (with the single-use protection shared with browser login) and
 * guarded by the realm's brute-force protector.
 */
public final class OtpStepUp {
    private static final Logger LOG = Logger.getLogger(OtpStepUp.class);
    private static final int MAX_CODE_LENGTH = 64;

    private OtpStepUp() {
    }

    public static void verify(KeycloakSession session, RealmModel realm, UserModel user, String code) {
        List<CredentialModel> credentials = user.credentialManager()
                .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
        if (credentials.isEmpty()) {
            throw new PimException(ErrorCode.OTP_NOT_CONFIGURED,
                    "set up an authenticator app (one-time codes) in the account console before activating this role");
        }
        if (Texts.isBlank(code)) {
            throw new PimException(ErrorCode.OTP_REQUIRED, "a one-time code from your authenticator app is required");
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (realm.isBruteForceProtected()
                && (protector.isPermanentlyLockedOut(session, realm, user) || protector.isTemporarilyDisabled(session, realm, user))) {
            LOG.warnf("PIM OTP step-up refused in realm %s: user %s is locked out", realm.getName(), user.getId());
            throw new PimException(ErrorCode.LOCKED_OUT, "too many failed attempts; the account is temporarily locked");
        }
        boolean valid = code.length() <= MAX_CODE_LENGTH && credentials.stream().anyMatch(credential ->
                user.credentialManager().isValid(new UserCredentialModel(credential.getId(), OTPCredentialModel.TYPE, code)));
        if (!valid) {
            if (realm.isBruteForceProtected()) {
                protector.failedLogin(realm, user, session.getContext().getConnection(), session.getContext().getUri(),
                        Set.of(OTPCredentialModel.TYPE));
            }
            LOG.warnf("PIM OTP step-up failed in realm %s for user %s", realm.getName(), user.getId());
            throw new PimException(ErrorCode.INVALID_OTP, "the one-time code is wrong or was already used");
        }
    }
}
