import { Navigate, Outlet, createBrowserRouter, useLocation } from "react-router-dom";
import { useSession } from "./auth/session";
import Shell from "./layout/Shell";
import LogIn from "./auth/LogIn";

function RequireSession() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell><Outlet /></Shell>;
}

/** Where to go after logging in: a path of this app only, never another site. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

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
    ],
  },
  { path: "/accept-invitation", lazy: () => import("./auth/AcceptInvitation") },
  {
    element: <RequireSession />,
    children: [
      { path: "/", lazy: () => import("./pages/Home") },
      { path: "/settings", element: <Navigate to="/settings/company" replace /> },
      { path: "/settings/company", lazy: () => import("./pages/settings/Company") },
      { path: "/settings/modules", lazy: () => import("./pages/settings/Modules") },
      { path: "/settings/users", lazy: () => import("./pages/settings/Users") },
      { path: "/settings/roles", lazy: () => import("./pages/settings/Roles") },
      { path: "/settings/api-clients", lazy: () => import("./pages/settings/ApiClients") },
      { path: "/settings/audit", lazy: () => import("./pages/settings/Audit") },
      { path: "/settings/jobs", lazy: () => import("./pages/settings/Jobs") },
      { path: "*", lazy: () => import("./pages/module/ModuleScreen") },
    ],
  },
]);
