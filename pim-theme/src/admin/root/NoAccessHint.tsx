import { useAdminClient, useRealm, useWhoAmI } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner } from "@keycloak/keycloak-ui-shared";
import {
  Alert,
  AlertActionLink,
  AlertVariant,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateFooter,
  EmptyStateHeader,
  EmptyStateIcon,
  PageSection,
} from "@patternfly/react-core";
import { LockIcon } from "@patternfly/react-icons";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { accountConsoleUrl, environment } from "../environment";

/** The account console page where users activate their eligible roles (pim/roles of the pim account theme). */
export const activateUrl = () => accountConsoleUrl(environment.realm, "pim/roles");

/** Points to Privileged access in the account console of the realm the admin signed in to. */
export const ActivateHint = () => {
  const { t } = useTranslation();
  return (
    <PageSection variant="light" className="pf-v5-u-pt-0">
      <Alert
        variant={AlertVariant.info}
        isInline
        title={t("pimActivateHintTitle")}
        data-testid="pim-activate-hint"
        actionLinks={
          <AlertActionLink component="a" href={activateUrl()} data-testid="pim-activate-link">
            {t("pimActivateHintLink")}
          </AlertActionLink>
        }
      >
        {t("pimActivateHint")}
      </Alert>
    </PageSection>
  );
};

/**
 * Above every page while the signed-in user has no administrative rights at all in the realm shown
 * (the console then shows an empty navigation and the welcome page).
 */
export const NoAccessHint = () => {
  const { whoAmI } = useWhoAmI();
  const { realm } = useRealm();
  const access = whoAmI.realm_access?.[realm] ?? [];
  if (access.length > 0) return null;
  return <ActivateHint />;
};

/**
 * Before Keycloak's console loads: a user without any administrative right in the realm signed in to
 * cannot load it (whoami and its first calls answer 403, and it shows only "You do not have
 * permission"). Such a
 * user gets this page instead, pointing to Privileged access in the account console; everyone else
 * gets the console.
 */
export const NoRightsGate = ({ children }: { children: ReactNode }) => {
  const { t } = useTranslation();
  const { adminClient, keycloak } = useAdminClient();
  const [rights, setRights] = useState<boolean>();
  useEffect(() => {
    let current = true;
    adminClient.whoAmI
      .find({ realm: environment.realm, currentRealm: environment.realm })
      .then((whoAmI) => current && setRights(Object.values(whoAmI.realm_access ?? {}).some((access) => access.length > 0)))
      // Keycloak answers whoami with 403 for a user without any admin role; on any other failure
      // the console decides (and reports it).
      .catch((error: { response?: { status?: number } }) => current && setRights(error?.response?.status !== 403));
    return () => {
      current = false;
    };
  }, [adminClient]);
  if (rights === undefined) return <KeycloakSpinner />;
  if (rights) return <>{children}</>;
  return (
    <PageSection variant="light" isFilled data-testid="pim-no-rights">
      <EmptyState variant="lg">
        <EmptyStateHeader titleText={t("pimNoRightsTitle")} headingLevel="h1" icon={<EmptyStateIcon icon={LockIcon} />} />
        <EmptyStateBody>{t("pimNoRights")}</EmptyStateBody>
        <EmptyStateFooter>
          <ActivateHint />
          <Button variant="link" onClick={() => void keycloak.logout()} data-testid="pim-sign-out">
            {t("signOut")}
          </Button>
        </EmptyStateFooter>
      </EmptyState>
    </PageSection>
  );
};
