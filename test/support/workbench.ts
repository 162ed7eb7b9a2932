// Driving the real VS Code workbench (code-server) in Debian's Chromium with playwright-core:
// what a person sees — the activity bar, our tree, the palette, the status bar, the setup guide.
// Selectors are the ones measured on VS Code 1.139 (see the README's "Running and testing").
import { accessSync, constants, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { EXTENSION_ID, REPO_ROOT, isolatedEnv, scratchDir, type CodeServer } from './codeServer';

/** Debian's Chromium (Playwright never downloads a browser here). */
export const CHROMIUM = process.env.AWS_PREREQS_CHROMIUM ?? '/usr/bin/chromium';

/** Where screenshots land (git-ignored). */
export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

/** Flags measured to work headless on these machines; nothing that reaches the network on its own. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Why Chromium cannot be used here, or null (use with needPeer(t, 'chromium', …)). */
export function chromiumMissing(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `${CHROMIUM} not found or not executable (apt-get install chromium)`;
  }
}

/** One console message or page error seen in the workbench or any of its frames (webviews included). */
export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
}

/** An open workbench page with its browser; close() ends both. */
export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every console message and page error so far. */
  console: ConsoleEntry[];
  /** Errors that come from our extension (ignoring offline gallery noise). */
  extensionErrors(): ConsoleEntry[];
  close(): Promise<void>;
}

/** Launches headless Chromium with its own HOME/XDG/TMPDIR (bounded: `timeoutMs` for the launch). */
export async function launchBrowser(opts: { timeoutMs?: number } = {}): Promise<Browser> {
  const root = scratchDir('chromium');
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(process.env, { home, scratch: root }),
    timeout: opts.timeoutMs ?? 30_000,
  });
  browser.on('disconnected', () => {
    if (process.env.AWS_PREREQS_KEEP_SCRATCH !== '1') rmSync(root, { recursive: true, force: true });
  });
  return browser;
}

/** Offline noise that mentions us harmlessly: gallery/marketplace lookups for our id fail without a network. */
const NOISE = [
  /gallery/i,
  /marketplace/i,
  /open-vsx/i,
  /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ENOTFOUND|EAI_AGAIN|getaddrinfo/i,
  /update\.code\.visualstudio\.com|vscode-sync|default\.exp-tas\.com/i,
];

/** Errors (console `error` and uncaught page errors) that name our extension, come from its files, or come from a webview (only ours open webviews here). */
export function ourErrors(entries: ConsoleEntry[]): ConsoleEntry[] {
  const ours = /aws-prereqs|awsPrereqs|AWS Prereqs/i;
  // Webview scripts report no URL (inline) or the webview host page; the workbench's own errors carry its bundle URL.
  const fromWebview = (url: string) => url === '' || /\/webview\/browser\/pre\/|vscode-webview|vscode-resource|vscode-cdn/.test(url);
  return entries.filter(
    (e) => (e.type === 'error' || e.type === 'pageerror') && (ours.test(e.text) || ours.test(e.url) || fromWebview(e.url)) && !NOISE.some((n) => n.test(e.text)),
  );
}

/** Text of a console message with `%s`/`%d`/`%c` placeholders filled, repeatedly (VS Code's renderer log wraps the extension host's own format string). */
export async function consoleText(msg: ConsoleMessage): Promise<string> {
  const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => undefined)));
  if (args.length === 0) return msg.text();
  const parts: string[] = [];
  let i = 0;
  while (i < args.length) {
    const a = args[i++];
    if (typeof a !== 'string') {
      parts.push(typeof a === 'object' ? JSON.stringify(a) : String(a));
      continue;
    }
    parts.push(
      a.replace(/%[sdifoOc]/g, (m) => {
        if (i >= args.length) return m;
        const v = args[i++];
        return m === '%c' ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      }),
    );
  }
  return parts.join(' ');
}

/** Opens the workbench of a running code-server (or `url`) in a fresh browser; waits for `.monaco-workbench` and, when package.json contributes one, our activity-bar entry. */
export async function openWorkbench(
  cs: CodeServer,
  opts: { url?: string; timeoutMs?: number; beforeGoto?: (page: Page) => Promise<void>; waitForExtension?: boolean } = {},
): Promise<Workbench> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const entries: ConsoleEntry[] = [];
    page.on('console', (m) => entries.push({ type: m.type(), text: m.text(), url: m.location().url }));
    // An uncaught error's origin is the first script URL in its stack ('' for inline webview code).
    page.on('pageerror', (e) => entries.push({ type: 'pageerror', text: `${e.name}: ${e.message}\n${e.stack ?? ''}`, url: /https?:\/\/\S+?(?=:\d+:\d+)/.exec(e.stack ?? '')?.[0] ?? '' }));
    if (opts.beforeGoto) await opts.beforeGoto(page);
    await page.goto(opts.url ?? cs.workbenchUrl(), { timeout: opts.timeoutMs ?? 30_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: opts.timeoutMs ?? 30_000 });
    // Our contributions show once the extension host has scanned the extension (a few seconds after load).
    const container = ourViewContainer();
    if (container && opts.waitForExtension !== false) await activityBarEntry(page, container.title).waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 30_000 });
    return {
      browser,
      context,
      page,
      console: entries,
      extensionErrors: () => ourErrors(entries),
      close: async () => {
        await browser.close().catch(() => {});
      },
    };
  } catch (e) {
    await browser.close().catch(() => {});
    throw e;
  }
}

/** Our activity-bar view container as package.json contributes it now, or undefined (not contributed yet). */
export function ourViewContainer(): { id: string; title: string } | undefined {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const c = pkg.contributes?.viewsContainers?.activitybar?.[0];
  return c ? { id: c.id, title: c.title } : undefined;
}

/** The activity-bar entry (a tab) of a view container, by title (default: ours from package.json). */
export function activityBarEntry(page: Page, title = ourViewContainer()?.title ?? 'AWS Prereqs'): Locator {
  return page.locator('.part.activitybar').getByRole('tab', { name: title, exact: false }).first();
}

/** Opens our view container from the activity bar and returns its pane locator (waits until visible). */
export async function openOurView(page: Page, container = ourViewContainer()): Promise<Locator> {
  if (!container) throw new Error('package.json contributes no activity-bar view container yet');
  const pane = page.locator(`[id="workbench.view.extension.${container.id}"]`);
  if (!(await pane.isVisible())) {
    await activityBarEntry(page, container.title).click();
    // The pointer would leave the entry's hover label in every later screenshot.
    await page.mouse.move(700, 8);
  }
  await pane.waitFor({ state: 'visible' });
  return pane;
}

/** Waits until no row of our view shows a spinner or a "checking…" description (the first check has ended). */
export async function treeSettled(page: Page, opts: { container?: { id: string }; timeoutMs?: number } = {}): Promise<void> {
  const container = opts.container ?? ourViewContainer();
  if (!container) throw new Error('package.json contributes no activity-bar view container yet');
  const pane = `[id="workbench.view.extension.${container.id}"]`;
  // Runs in the page (tsconfig has no DOM lib, hence the string).
  await page.waitForFunction(
    `(() => {
      const root = document.querySelector(${JSON.stringify(pane)});
      if (!root || root.querySelectorAll('.monaco-list-row[role="treeitem"]').length === 0) return false;
      if (root.querySelector('.monaco-list-row .codicon-loading, .monaco-list-row .codicon-modifier-spin')) return false;
      return ![...root.querySelectorAll('.label-description')].some((e) => /checking/i.test(e.textContent || ''));
    })()`,
    undefined,
    { timeout: opts.timeoutMs ?? 30_000 },
  );
}

/** One tree row as the user reads it. */
export interface TreeRow {
  label: string;
  description: string;
  /** aria-level (1 = top level). */
  level: number;
  expanded: boolean | undefined;
}

/** The visible rows of the trees in our view container: label, description, level; waits for at least `min` rows. */
export async function treeRows(page: Page, opts: { container?: { id: string }; min?: number; timeoutMs?: number } = {}): Promise<TreeRow[]> {
  const container = opts.container ?? ourViewContainer();
  if (!container) throw new Error('package.json contributes no activity-bar view container yet');
  const rows = page.locator(`[id="workbench.view.extension.${container.id}"] .monaco-list-row[role="treeitem"]`);
  const min = opts.min ?? 1;
  if (min > 0) await rows.nth(min - 1).waitFor({ timeout: opts.timeoutMs ?? 15_000 });
  const out: TreeRow[] = [];
  for (const row of await rows.all()) {
    const expanded = await row.getAttribute('aria-expanded');
    out.push({
      label: ((await row.locator('.label-name').first().textContent().catch(() => '')) ?? '').trim(),
      description: ((await row.locator('.label-description').first().textContent({ timeout: 200 }).catch(() => '')) ?? '').trim(),
      level: Number((await row.getAttribute('aria-level')) ?? '1'),
      expanded: expanded === null ? undefined : expanded === 'true',
    });
  }
  return out;
}

/** A tree row locator by its label (exact text of `.label-name`) inside our view container. */
export function treeRow(page: Page, label: string, container = ourViewContainer()): Locator {
  if (!container) throw new Error('package.json contributes no activity-bar view container yet');
  return page
    .locator(`[id="workbench.view.extension.${container.id}"] .monaco-list-row[role="treeitem"]`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
    .first();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a palette command by its full title, e.g. "AWS Prereqs: Check Again"; fails when the palette does not list it within `timeoutMs`. */
export async function runCommand(page: Page, title: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  // Contributed commands appear once the extension host has scanned the extension; an open palette does not
  // refresh, so reopen it until the command is listed.
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .monaco-list-row:visible', { hasText: title }).first();
    const found = await row
      .waitFor({ state: 'visible', timeout: 2000 })
      .then(() => true)
      .catch(() => false);
    if (found) {
      await row.click();
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`the command palette does not list "${title}"`);
    await page.waitForTimeout(500);
  }
}

/** Palette titles that match `query` (what the user sees after typing it), without running any. */
export async function paletteCommands(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${query}`);
  // The list fills asynchronously: wait for a visible row, or for the (otherwise hidden) "No matching commands" message.
  await page
    .locator('.quick-input-widget .monaco-list-row:visible, .quick-input-widget .quick-input-message:visible')
    .first()
    .waitFor({ timeout: 5000 })
    .catch(() => {});
  const labels = await page.locator('.quick-input-widget .monaco-list-row .quick-input-list-label .label-name').allTextContents();
  await page.keyboard.press('Escape');
  return labels.map((s) => s.replace(/\s+/g, ' ').trim());
}

/** Our status bar items (ids start with the extension id); `text` narrows to one whose text or aria-label matches. */
export function statusBarItem(page: Page, text?: RegExp): Locator {
  const items = page.locator(`#workbench\\.parts\\.statusbar .statusbar-item[id^="${EXTENSION_ID}"]`);
  return text ? items.filter({ hasText: text }).first() : items.first();
}

/** Text and accessible label of our status bar item (waits for it). */
export async function statusBarText(page: Page, text?: RegExp): Promise<{ text: string; ariaLabel: string }> {
  const item = statusBarItem(page, text);
  await item.waitFor({ state: 'visible' });
  const inner = item.locator('.statusbar-item-label').first();
  return {
    text: ((await inner.textContent()) ?? '').replace(/\s+/g, ' ').trim(),
    ariaLabel: (await inner.getAttribute('aria-label')) ?? (await item.getAttribute('aria-label')) ?? '',
  };
}

/** The content frame of the active webview (the setup guide); `index` picks among several open webviews. */
export function webviewFrame(page: Page, index = 0): FrameLocator {
  return page.locator('iframe.webview.ready').nth(index).contentFrame().frameLocator('iframe#active-frame');
}

/** Titles of the open editor tabs. */
export async function editorTabs(page: Page): Promise<string[]> {
  return (await page.locator('.tabs-container .tab .label-name').allTextContents()).map((s) => s.trim());
}

/** Texts of the visible notification toasts. */
export async function notifications(page: Page): Promise<string[]> {
  return (await page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allTextContents()).map((s) => s.trim());
}

/** Saves a full-window screenshot as test-results/screenshots/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}
