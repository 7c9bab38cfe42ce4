import type { ComponentType } from "react";

// Purpose-built screens, by the navigation path they answer (and any path below it). Each loads on
// demand, in a chunk of its own. A nav item whose path is here opens its screen; any other nav item
// with a `resource` opens the generic list and form built from the module's UI metadata.
export type ScreenModule = { default: ComponentType };

export const SCREENS: Record<string, () => Promise<ScreenModule>> = {
  "/hr/leave": () => import("./hr/LeaveCalendar"),
  "/me/leave": () => import("./hr/MyLeave"),
  "/hr/payroll": () => import("./hr/Payroll"),
  "/me/payslips": () => import("./hr/MyPayslips"),
  "/finance/reports": () => import("./finance/Reports"),
  "/finance/trial-balance": () => import("./finance/Reports"),
  "/finance/planning": () => import("./finance/Planning"),
  "/finance/bank": () => import("./finance/Bank"),
  "/it/tickets": () => import("./it/Tickets"),
  "/me/tickets": () => import("./it/Tickets"),
  "/legal/contracts": () => import("./legal/Contracts"),
  "/legal/filings": () => import("./legal/Filings"),
  "/me/legal": () => import("./legal/Advice"),
  "/me/bookings": () => import("./ga/Bookings"),
  "/me/travel": () => import("./ga/MyTravel"),
  "/ga/travel": () => import("./ga/TravelRequests"),
  "/me/events": () => import("./ga/MyEvents"),
  "/ga/events": () => import("./ga/Events"),
  "/logistics/stock": () => import("./logistics/StockOnHand"),
  "/logistics/deliveries": () => import("./logistics/Deliveries"),
  "/logistics/issues": () => import("./logistics/StockIssues"),
};

/** The registered path that a location belongs to (the longest match), if any. */
export function screenFor(pathname: string): string | undefined {
  const path = pathname.replace(/\/+$/, "") || "/";
  return Object.keys(SCREENS)
    .filter((key) => path === key || path.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)[0];
}
