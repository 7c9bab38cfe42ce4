import { ActionIcon, Badge, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { formatDateTime } from "../lib/format";

const NotificationsDocument = graphql(`
  query Notifications {
    notifications(first: 15) { unreadCount nodes { id kind title body link createdAt read } }
  }
`);
const MarkReadDocument = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) { userErrors { message } }
  }
`);

/** The bell: unread count, the latest notifications, mark as read; refreshed every 30 seconds. */
export default function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [{ data }, refetch] = useQuery({ query: NotificationsDocument });
  const [, markRead] = useMutation(MarkReadDocument);
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), 30_000);
    return () => clearInterval(timer);
  }, [refetch]);
  const unread = data?.notifications.unreadCount ?? 0;
  const items = data?.notifications.nodes ?? [];

  async function open(id: string, link: string) {
    await markRead({ input: { ids: [id] } });
    setOpened(false);
    refetch({ requestPolicy: "network-only" });
    if (link.startsWith("/")) navigate(link);
  }

  return (
    <Indicator disabled={unread === 0} label={unread > 99 ? "99+" : unread} size={16} offset={4} color="red">
    <Popover opened={opened} onChange={setOpened} width={340} position="bottom-end" withinPortal shadow="md">
      <Popover.Target>
        {/* The popover's ARIA attributes belong on the button itself, not on a wrapper. */}
        <ActionIcon variant="subtle" size="lg" onClick={() => setOpened((o) => !o)} data-testid="notification-bell"
          aria-label={t("work.notificationsCount", { count: unread })}>
          <IconBell size={20} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" p="xs">
          <Text fw={600} size="sm">{t("work.notifications")}</Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={async () => {
              await markRead({ input: { all: true } });
              refetch({ requestPolicy: "network-only" });
            }}>{t("work.markAllRead")}</Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={360}>
          <Stack gap={0} role="list" aria-label={t("work.notifications")}>
            {items.map((n) => (
              <UnstyledButton key={n.id} role="listitem" p="xs" onClick={() => void open(n.id, n.link)}
                style={{ borderTop: "1px solid var(--mantine-color-gray-2)", background: n.read ? undefined : "var(--mantine-color-blue-0)" }}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={n.read ? 400 : 600}>{n.title}</Text>
                  {!n.read && <Badge size="xs" color="blue">{t("work.new")}</Badge>}
                </Group>
                {n.body && <Text size="xs" c="dimmed" lineClamp={2}>{n.body}</Text>}
                <Text size="xs" c="dimmed">{formatDateTime(n.createdAt, i18n.language)}</Text>
              </UnstyledButton>
            ))}
            {items.length === 0 && <Text size="sm" c="dimmed" p="xs">{t("work.noNotifications")}</Text>}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
    </Indicator>
  );
}
