import { routes as accountRoutes } from "@keycloak/keycloak-account-ui";
import { lazy } from "react";
import type { RouteObject } from "react-router-dom";
import { environment } from "./environment";
import { ErrorPage } from "./root/ErrorPage";
import { Root } from "./root/Root";

const MyRoles = lazy(() => import("./pim/MyRoles"));
const Requests = lazy(() => import("./pim/Requests"));
const Approvals = lazy(() => import("./pim/Approvals"));

/** The Privileged access pages, below the console's base path. */
export const PimRolesRoute: RouteObject = { path: "pim/roles", element: <MyRoles /> };
export const PimRequestsRoute: RouteObject = { path: "pim/requests", element: <Requests /> };
export const PimApprovalsRoute: RouteObject = { path: "pim/approvals", element: <Approvals /> };

export const RootRoute: RouteObject = {
  path: decodeURIComponent(new URL(environment.baseUrl).pathname),
  element: <Root />,
  errorElement: <ErrorPage />,
  // Every page of Keycloak's own account console, then ours.
  children: [...accountRoutes, PimRolesRoute, PimRequestsRoute, PimApprovalsRoute],
};

export const routes: RouteObject[] = [RootRoute];
