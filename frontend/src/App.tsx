import { MantineProvider, createTheme } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { RouterProvider } from "react-router-dom";
import { SessionProvider } from "./auth/session";
import { router } from "./routes";

const theme = createTheme({ primaryColor: "blue", defaultRadius: "md", fontFamily: "system-ui, sans-serif" });

export default function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </MantineProvider>
  );
}
