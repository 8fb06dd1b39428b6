import config from './playwright.config';

// The performance budget's measurement (scripts/budget.sh): prints figures, asserts none.
// The script starts the release server itself, on E2E_PORT.
export default {
  ...config,
  testDir: './budget',
  projects: [config.projects![0]],
  webServer: undefined,
};
