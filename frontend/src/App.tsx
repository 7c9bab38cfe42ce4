import { MantineProvider, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { RouterProvider } from "react-router-dom";
import { SessionProvider } from "./auth/session";
import { router } from "./routes";

// Shade 8 of blue and a darker "dimmed" grey keep text at WCAG AA contrast (4.5:1) on white.
const theme = createTheme({ primaryColor: "blue", primaryShade: 8, defaultRadius: "md", fontFamily: "system-ui, sans-serif" });
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)", "--mantine-color-placeholder": "var(--mantine-color-gray-6)" },
  dark: {},
});

export default function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={resolver}>
      <Notifications position="top-right" />
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </MantineProvider>
  );
}
