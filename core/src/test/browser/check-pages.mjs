// Opens each delivery report page in Debian's headless Chromium (playwright-core, no browser download) and writes
// what the page rendered as JSON: every Chart.js chart's data and how many of its canvas pixels are painted, the
// problems the page names, its sections, errors thrown in the page; plus one full-page screenshot per page.
// usage: node check-pages.mjs <config.json> <result.json>
//   config: {"chromium": "/usr/bin/chromium", "pages": [{"name": "...", "url": "file:///...", "screenshot": "/.../x.png"}]}
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const [configFile, resultFile] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const browser = await chromium.launch({ executablePath: config.chromium, headless: true, args: ['--no-sandbox'] });
const results = [];
try {
  for (const spec of config.pages) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', e => errors.push('pageerror: ' + e.message));
    page.on('console', m => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
    await page.goto(spec.url);
    await page.waitForFunction(() => window.mlshipReport && window.mlshipReport.ready === true, null, { timeout: 20000 });
    const rendered = await page.evaluate(() => {
      const r = window.mlshipReport;
      return {
        sections: r.sections,
        problems: r.problems,
        text: document.body.innerText,
        charts: r.charts.map(c => {
          const ctx = c.canvas.getContext('2d');
          const pixels = ctx.getImageData(0, 0, c.canvas.width, c.canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
          return {
            name: c.name, kind: c.kind, file: c.file, type: c.chart.config.type,
            width: c.canvas.width, height: c.canvas.height, painted,
            labels: c.chart.data.labels || null,
            datasets: c.chart.data.datasets.map(d => ({ label: d.label, data: d.data }))
          };
        })
      };
    });
    await page.screenshot({ path: spec.screenshot, fullPage: true });
    results.push({ name: spec.name, errors, ...rendered });
    await page.close();
  }
} finally {
  await browser.close();
}
writeFileSync(resultFile, JSON.stringify({ results }, null, 2));
