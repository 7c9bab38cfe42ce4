import { Alert, Group, Stack, Title } from "@mantine/core";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { errorMessage } from "../api/client";

/** A screen: its title (also the document title), actions on the right, and its content. */
export default function Page({ title, actions, error, children }: {
  title: string; actions?: ReactNode; error?: CombinedError | null; children: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">{title}</Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {error && <Alert color="red" role="alert">{errorMessage(error, t("common.error"))}</Alert>}
      {children}
    </Stack>
  );
}
