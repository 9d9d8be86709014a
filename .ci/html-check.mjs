// Opens a page written by `zhkg export --format html` in headless Chromium (Debian's, driven by
// playwright-core) and checks that it draws the graph, shows a node's card on click, finds a
// name with the search box, and logs no console error. Usage: node html-check.mjs PAGE NAME
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
const require = createRequire(process.env.PLAYWRIGHT_DIR + "/");
const { chromium } = require("playwright-core");

const [page_path, name] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const errors = [];
const requests = [];
const page = await browser.newPage();
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
page.on("pageerror", (e) => errors.push(String(e)));
page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
await page.goto(pathToFileURL(page_path).href);
await page.waitForFunction(() => window.zhkg && window.zhkg.cy.nodes().length > 0);
const drawn = await page.evaluate(() => ({
  nodes: window.zhkg.cy.nodes().length,
  visible: window.zhkg.cy.nodes().filter((n) => n.renderedPosition().x > 0).length,
  canvases: document.querySelectorAll("#graph canvas").length,
}));
// Click the node drawn for NAME and read its card.
const at = await page.evaluate((name) => {
  const n = window.zhkg.cy.nodes().filter((x) => x.data("label") === name)[0];
  const box = document.getElementById("graph").getBoundingClientRect();
  const p = n.renderedPosition();
  return { x: box.left + p.x, y: box.top + p.y };
}, name);
await page.mouse.click(at.x, at.y);
const card = await page.textContent("#card h2");
await page.fill("#search", name.slice(0, 2));
const matches = await page.textContent("#matches");
await browser.close();
const problems = [];
if (drawn.nodes === 0 || drawn.visible === 0 || drawn.canvases === 0) problems.push(`nothing drawn: ${JSON.stringify(drawn)}`);
if (card !== name) problems.push(`clicking ${name} showed the card of ${card}`);
if (!matches.includes(name)) problems.push(`searching ${name.slice(0, 2)} did not list ${name}: ${matches}`);
if (errors.length) problems.push(`console errors: ${errors.join(" | ")}`);
if (requests.length) problems.push(`network requests: ${requests.join(" ")}`);
if (problems.length) { console.error("html-check: " + problems.join("; ")); process.exit(1); }
console.log(`html-check: ${drawn.nodes} nodes drawn, card and search work, no console error, no network`);
