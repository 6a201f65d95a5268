import { app, pages } from "@microsoft/teams-js";

/**
 * The configurable tab's setup page (manifest `configurationUrl`): nothing to
 * choose, so it is valid at once and saves the dashboard as the tab's content.
 */
async function configure(): Promise<void> {
  await app.initialize();
  const base = `${location.origin}/tab`;
  pages.config.registerOnSaveHandler((save) => {
    void pages.config
      .setConfig({
        entityId: "varna-dashboard",
        contentUrl: `${base}/index.html`,
        websiteUrl: `${base}/index.html`,
        suggestedDisplayName: "Värna",
      })
      .then(() => save.notifySuccess());
  });
  pages.config.setValidityState(true);
}

void configure();
