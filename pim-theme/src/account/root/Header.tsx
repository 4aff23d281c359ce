import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { KeycloakMasthead, label } from "@keycloak/keycloak-ui-shared";
import { Button } from "@patternfly/react-core";
import { ExternalLinkSquareAltIcon } from "@patternfly/react-icons";
import { useTranslation } from "react-i18next";
import { useHref } from "react-router-dom";
import { joinUrl } from "../environment";

// The console's masthead, as keycloak.v3 has it (logo, back-to-referrer link, user menu). Built from
// the shared Masthead so that its navigation toggle drives this console's PatternFly Page.
const ReferrerLink = () => {
  const { environment } = useEnvironment<AccountEnvironment>();
  const { t } = useTranslation();
  if (!environment.referrerUrl) {
    return null;
  }
  return (
    <Button
      data-testid="referrer-link"
      component="a"
      href={environment.referrerUrl.replace("_hash_", "#")}
      variant="link"
      icon={<ExternalLinkSquareAltIcon />}
      iconPosition="right"
      isInline
    >
      {t("backTo", { app: label(t, environment.referrerName, environment.referrerUrl) })}
    </Button>
  );
};

export const Header = () => {
  const { environment, keycloak } = useEnvironment<AccountEnvironment>();
  const { t } = useTranslation();
  const logo = environment.logo || "logo.svg";
  const logoUrl = environment.logoUrl || "/";
  const internalHref = useHref(logoUrl);
  return (
    <KeycloakMasthead
      data-testid="page-header"
      keycloak={keycloak}
      features={{ hasManageAccount: false }}
      brand={{
        href: logoUrl.startsWith("/") ? internalHref : logoUrl,
        src: joinUrl(environment.resourceUrl, logo),
        alt: t("logo"),
        className: "pim-brand",
      }}
      toolbarItems={[<ReferrerLink key="link" />]}
    />
  );
};
