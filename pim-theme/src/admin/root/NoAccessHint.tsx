import { useRealm, useWhoAmI } from "@keycloak/keycloak-admin-ui";
import { Alert, AlertActionLink, AlertVariant, PageSection } from "@patternfly/react-core";
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
