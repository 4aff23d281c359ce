import { ErrorPage as SharedErrorPage } from "@keycloak/keycloak-ui-shared";
import { useRouteError } from "react-router-dom";

export const ErrorPage = () => <SharedErrorPage error={useRouteError()} />;
