import { useWhoAmI } from "@keycloak/keycloak-admin-ui";
import { Banner, Flex, FlexItem } from "@patternfly/react-core";
import { ExclamationTriangleIcon } from "@patternfly/react-icons";
import { useTranslation } from "react-i18next";

/**
 * Keycloak's banner above the console for a temporary (bootstrap) admin, with Keycloak's own message;
 * the library does not export its Banners, so this is the same component.
 */
export const Banners = () => {
  const { whoAmI } = useWhoAmI();
  const { t } = useTranslation();
  if (!whoAmI.temporary) return null;
  return (
    <Banner screenReaderText={t("loggedInAsTempAdminUser")} variant="gold" data-testid="pim-temporary-admin-banner">
      <Flex spaceItems={{ default: "spaceItemsSm" }} flexWrap={{ default: "wrap" }}>
        <FlexItem style={{ whiteSpace: "normal" }}>
          <ExclamationTriangleIcon style={{ marginRight: "0.3rem" }} />
          {t("loggedInAsTempAdminUser")}
        </FlexItem>
      </Flex>
    </Banner>
  );
};
