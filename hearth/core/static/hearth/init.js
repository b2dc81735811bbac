// Start GOV.UK Frontend's components. Loaded as a module, so only browsers that support it run it;
// every page works without it.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
