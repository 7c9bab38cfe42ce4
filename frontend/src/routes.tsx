import { Alert, Loader } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, createBrowserRouter, useLocation } from "react-router-dom";
import { useSession } from "./auth/session";
import Shell from "./layout/Shell";
import LogIn from "./auth/LogIn";

function RequireSession() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // The company requires owners to use two-factor and this one has not set it up: the session
  // can do nothing else until they do.
  if (me.twoFactorSetupRequired) return <Navigate to="/two-factor-setup" replace />;
  return <Shell><Outlet /></Shell>;
}

/** Where to go after logging in: a path of this app only, never another site. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

/** A settings screen for those holding its permission; others get a plain refusal. */
function Allowed({ permission, load }: { permission: string; load: () => Promise<{ Component: React.ComponentType }> }) {
  const { can } = useSession();
  const { t } = useTranslation();
  const Screen = lazyScreen(load);
  if (!can(permission)) {
    return <Alert color="yellow" role="alert" maw={640}>{t("resource.notFound")}</Alert>;
  }
  return <Suspense fallback={<Loader aria-label={t("app.loading")} />}><Screen /></Suspense>;
}

const lazyCache = new Map<unknown, React.ComponentType>();
function lazyScreen(load: () => Promise<{ Component: React.ComponentType }>): React.ComponentType {
  if (!lazyCache.has(load)) lazyCache.set(load, lazy(() => load().then((m) => ({ default: m.Component }))));
  return lazyCache.get(load)!;
}

const SETTINGS: [string, string, () => Promise<{ Component: React.ComponentType }>][] = [
  ["company", "core.tenant.manage", () => import("./pages/settings/Company")],
  ["modules", "core.module.manage", () => import("./pages/settings/Modules")],
  ["users", "core.user.read", () => import("./pages/settings/Users")],
  ["roles", "core.role.read", () => import("./pages/settings/Roles")],
  ["api-clients", "core.oauth_client.manage", () => import("./pages/settings/ApiClients")],
  ["webhooks", "core.webhook.manage", () => import("./pages/settings/Webhooks")],
  ["audit", "core.audit.read", () => import("./pages/settings/Audit")],
  ["jobs", "core.job.read", () => import("./pages/settings/Jobs")],
  ["approvals", "core.approval_rule.manage", () => import("./pages/settings/ApprovalRules")],
];

function PublicOnly() {
  const { me } = useSession();
  const location = useLocation();
  if (me) return <Navigate to={safeNext(location.search)} replace />;
  return <Outlet />;
}

// The log-in page is in the first bundle; every other screen loads on demand.
export const router = createBrowserRouter([
  {
    element: <PublicOnly />,
    children: [
      { path: "/login", element: <LogIn /> },
      { path: "/signup", lazy: () => import("./auth/SignUp") },
      { path: "/forgot-password", lazy: () => import("./auth/ForgotPassword") },
      { path: "/reset-password", lazy: () => import("./auth/ResetPassword") },
    ],
  },
  { path: "/accept-invitation", lazy: () => import("./auth/AcceptInvitation") },
  { path: "/verify-email", lazy: () => import("./auth/VerifyEmail") },
  { path: "/two-factor-setup", lazy: () => import("./auth/TwoFactor") },
  {
    element: <RequireSession />,
    children: [
      { path: "/", lazy: () => import("./pages/Home") },
      { path: "/inbox", lazy: () => import("./pages/work/Inbox") },
      { path: "/portal", lazy: () => import("./pages/work/Portal") },
      { path: "/portal/queue", lazy: () => import("./pages/work/Queue") },
      { path: "/account", lazy: () => import("./pages/work/Account") },
      { path: "/settings", element: <Navigate to="/settings/company" replace /> },
      ...SETTINGS.map(([path, permission, load]) => ({
        path: `/settings/${path}`, element: <Allowed permission={permission} load={load} />,
      })),
      { path: "*", lazy: () => import("./pages/module/ModuleScreen") },
    ],
  },
]);
