import { Anchor, Box, Center, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language } from "../i18n";
import { useSession } from "./session";

export function LanguagePicker({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useSession();
  return (
    <Select
      aria-label={t("nav.language")}
      data-testid="language"
      size={compact ? "xs" : "sm"}
      w={compact ? { base: 112, sm: 150 } : 190}
      allowDeselect={false}
      data={LANGUAGES}
      value={i18n.language}
      onChange={(value) => value && setLanguage(value as Language)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export default function AuthFrame({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={420}>
        <Group justify="space-between" mb="lg">
          <Text fw={700} size="xl" c="blue.7">{t("app.name")}</Text>
          <LanguagePicker compact />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="main">
          <Stack>
            <Title order={1} size="h3">{title}</Title>
            {children}
          </Stack>
        </Paper>
        {footer && <Text ta="center" mt="md" size="sm">{footer}</Text>}
        <Text ta="center" mt="xs" size="xs" c="dimmed">{t("auth.tagline")}</Text>
      </Box>
    </Center>
  );
}

export { Anchor };
