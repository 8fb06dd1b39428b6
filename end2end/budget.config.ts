import config from './playwright.config';

// The performance budget's measurement (scripts/budget.sh): prints figures, asserts none.
export default {
  ...config,
  testDir: './budget',
  projects: [config.projects![0]],
  webServer: { ...(config.webServer as object), reuseExistingServer: true },
};
