import {
  AppShell, Avatar, Burger, Group, Image, Menu, NavLink, ScrollArea, Skeleton, Text, UnstyledButton, VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconApi, IconWebhook, IconBox, IconChecklist, IconHeadset, IconInbox, IconUserCircle, IconBuilding, IconCalendar, IconChevronDown, IconCoin, IconFileText, IconHome, IconKey,
  IconLifebuoy, IconListCheck, IconLogout, IconPlane, IconPuzzle, IconScale, IconSettings, IconSwitchHorizontal,
  IconTruck, IconUser, IconUsers, type Icon,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink as RouterLink, useLocation } from "react-router-dom";
import { useMutation } from "urql";
import { LanguagePicker } from "../auth/AuthFrame";
import NotificationBell from "../components/NotificationBell";
import { useSession } from "../auth/session";
import { graphql } from "../gql";
import { openable, useUi, type NavItem } from "../api/ui";

const LogOutDocument = graphql(`mutation LogOut { logOut { ok } }`);
const SwitchDocument = graphql(`
  mutation SwitchTenant($input: SwitchTenantInput!) { switchTenant(input: $input) { userErrors { message } } }
`);

const ICONS: Record<string, Icon> = {
  users: IconUsers, user: IconUser, calendar: IconCalendar, plane: IconPlane, coin: IconCoin, box: IconBox,
  truck: IconTruck, scale: IconScale, lifebuoy: IconLifebuoy, file: IconFileText, building: IconBuilding,
};
const MODULE_ICONS: Record<string, Icon> = {
  hr: IconUsers, finance: IconCoin, it: IconLifebuoy, legal: IconScale, logistics: IconTruck, ga: IconBuilding,
};

function iconFor(item: NavItem): ReactNode {
  const IconComponent = ICONS[item.icon] ?? MODULE_ICONS[item.module] ?? IconListCheck;
  return <IconComponent size={18} stroke={1.6} aria-hidden />;
}

function NavTree({ items, onNavigate }: { items: NavItem[]; onNavigate: () => void }) {
  const location = useLocation();
  return (
    <>
      {items.map((item) =>
        item.children.length ? (
          <NavLink key={item.key} label={item.label} leftSection={iconFor(item)} data-testid={`nav-${item.key}`}
            defaultOpened={location.pathname.startsWith(item.path)}>
            <NavTree items={item.children as NavItem[]} onNavigate={onNavigate} />
          </NavLink>
        ) : (
          <NavLink key={item.key} component={RouterLink} to={item.path} label={item.label} leftSection={iconFor(item)}
            active={location.pathname === item.path || location.pathname.startsWith(`${item.path}/`)}
            data-testid={`nav-${item.key}`} onClick={onNavigate} />
        ),
      )}
    </>
  );
}

export default function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, can, reset } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const ui = useUi();
  const [, logOut] = useMutation(LogOutDocument);
  const [, switchTenant] = useMutation(SwitchDocument);
  const navigation = openable((ui.data?.uiMetadata.navigation ?? []) as NavItem[]);
  const current = me?.memberships.find((m) => m.current);
  const others = me?.memberships.filter((m) => !m.current && m.status === "active") ?? [];
  const settings = [
    { path: "/settings/company", label: t("nav.company"), icon: IconBuilding, show: can("core.tenant.manage") },
    { path: "/settings/modules", label: t("nav.modules"), icon: IconPuzzle, show: can("core.module.manage") },
    { path: "/settings/users", label: t("nav.users"), icon: IconUsers, show: can("core.user.read") },
    { path: "/settings/roles", label: t("nav.roles"), icon: IconKey, show: can("core.role.read") },
    { path: "/settings/api-clients", label: t("nav.apiClients"), icon: IconApi, show: can("core.oauth_client.manage") },
    { path: "/settings/webhooks", label: t("nav.webhooks"), icon: IconWebhook, show: can("core.webhook.manage") },
    { path: "/settings/audit", label: t("nav.audit"), icon: IconFileText, show: can("core.audit.read") },
    { path: "/settings/jobs", label: t("nav.jobs"), icon: IconListCheck, show: can("core.job.read") },
    { path: "/settings/approvals", label: t("work.approvalRules"), icon: IconChecklist, show: can("core.approval_rule.manage") },
  ].filter((s) => s.show);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">{t("app.skip")}</a>
      <AppShell.Header>
        <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
            {ui.data?.tenant.logo
              ? <Image src={ui.data.tenant.logo} alt="" h={32} w="auto" fit="contain" visibleFrom="xs" />
              : <Text fw={700} c="blue.7" visibleFrom="xs">{t("app.name")}</Text>}
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t("nav.switchCompany")} data-testid="tenant-switcher">
                  <Group gap={4} wrap="nowrap">
                    <Text fw={600} truncate maw={{ base: 110, xs: 180, sm: 260 }} data-testid="tenant-name">{current?.name}</Text>
                    {others.length > 0 && <IconChevronDown size={14} aria-hidden />}
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              {others.length > 0 && (
                <Menu.Dropdown>
                  <Menu.Label>{t("nav.switchCompany")}</Menu.Label>
                  {others.map((m) => (
                    <Menu.Item key={m.tenantId} leftSection={<IconSwitchHorizontal size={14} />}
                      onClick={async () => {
                        await switchTenant({ input: { tenantSlug: m.slug } });
                        window.history.replaceState(null, "", "/");
                        reset();
                      }}>
                      {m.name}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              )}
            </Menu>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <LanguagePicker compact />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t("nav.account")} data-testid="account-menu">
                  <Avatar size="sm" color="blue" radius="xl">{me?.fullName.slice(0, 1).toUpperCase()}</Avatar>
                  <VisuallyHidden>{me?.fullName}</VisuallyHidden>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me?.email}</Menu.Label>
                <Menu.Item component={RouterLink} to="/account" leftSection={<IconUserCircle size={14} />} data-testid="my-account">
                  {t("work.account")}
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={14} />} data-testid="log-out"
                  onClick={async () => { await logOut({}); window.history.replaceState(null, "", "/login"); reset(); }}>
                  {t("auth.logOut")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("nav.menu")}>
        <AppShell.Section grow component={ScrollArea}>
          <NavLink component={RouterLink} to="/" label={t("nav.home")} leftSection={<IconHome size={18} aria-hidden />}
            active={location.pathname === "/"} onClick={close} data-testid="nav-home" />
          <NavLink component={RouterLink} to="/inbox" label={t("work.inbox")} leftSection={<IconInbox size={18} aria-hidden />}
            active={location.pathname === "/inbox"} onClick={close} data-testid="nav-inbox" />
          <NavLink component={RouterLink} to="/portal" label={t("work.portal")} leftSection={<IconHeadset size={18} aria-hidden />}
            active={location.pathname.startsWith("/portal")} onClick={close} data-testid="nav-portal" />
          {ui.fetching && !ui.data ? <Skeleton h={120} mt="sm" /> : <NavTree items={navigation} onNavigate={close} />}
          {settings.length > 0 && (
            <NavLink label={t("nav.settings")} leftSection={<IconSettings size={18} aria-hidden />} data-testid="nav-settings"
              defaultOpened={location.pathname.startsWith("/settings")}>
              {settings.map((s) => (
                <NavLink key={s.path} component={RouterLink} to={s.path} label={s.label} onClick={close}
                  leftSection={<s.icon size={16} aria-hidden />} active={location.pathname === s.path}
                  data-testid={`nav-${s.path.slice(1).replace("/", "-")}`} />
              ))}
            </NavLink>
          )}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>{children}</AppShell.Main>
    </AppShell>
  );
}
