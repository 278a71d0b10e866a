import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/reports/render-html.ts';
import { renderReportMarkdown } from '../../src/reports/render-markdown.ts';
import { renderReportXlsx } from '../../src/reports/render-xlsx.ts';
import { burnDownChartSvg, levelChartSvg, trendChartSvg } from '../../src/reports/report-charts.ts';
import type { ReportData } from '../../src/reports/report-model.ts';
import { emptyReportData, sampleReportData } from './sample-report.ts';

interface Grid {
  headers: string[];
  rows: string[][];
}

/** The part of the browser's DOM the test calls inside the page (the project compiles without lib.dom). */
interface BrowserXml {
  DOMParser: new () => {
    parseFromString(source: string, type: string): { getElementsByTagName(name: string): { length: number } };
  };
}

const SHEETS = [
  '总体情况',
  '分乡镇',
  '分部门',
  '分行业',
  '超期未办结',
  '回头看',
  '网络舆情',
  '每日趋势',
  '清零燃尽',
];
const HEADINGS = [
  '一、总体情况',
  '二、分乡镇（街道）情况',
  '三、分部门情况',
  '四、分行业情况',
  '五、超期未办结线索',
  '六、回头看',
  '七、网络舆情',
  '八、动态清零进展',
  '附：指标口径',
];
const EMPTY_SENTENCE = '本期无新增线索、无办结、无网络舆情事件。';

/** What a reader sees, reduced to the stored value: 1,234 → 1234, ↓2 → -2, 持平 → 0. */
function fromHtml(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '持平') return '0';
  const numeric = trimmed.replace(/,/g, '').replace(/^↑/, '').replace(/^↓/, '-');
  return /^-?\d+(\.\d+)?$/.test(numeric) ? String(Number(numeric)) : trimmed;
}

function fromXlsx(value: ExcelJS.CellValue): string {
  return value === null || value === undefined ? '' : String(value);
}

function htmlTables(html: string): Map<string, Grid> {
  const $ = cheerio.load(html);
  const tables = new Map<string, Grid>();
  $('table[data-sheet]').each((_, table) => {
    const headers = $(table)
      .find('thead th')
      .toArray()
      .map((th) => $(th).text());
    const rows = $(table)
      .find('tbody tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .find('td')
          .toArray()
          .map((td) => $(td).text()),
      );
    tables.set($(table).attr('data-sheet') ?? '', { headers, rows });
  });
  return tables;
}

function sheetValues(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: sheet.columnCount }, (_, c) => row.getCell(c + 1).value));
  }
  return rows;
}

async function readWorkbook(data: ReportData): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await renderReportXlsx(data)) as unknown as ArrayBuffer);
  return workbook;
}

function rowOf(grid: Grid, first: string): string[] {
  const row = grid.rows.find((cells) => cells[0] === first);
  expect(row, `row ${first}`).toBeDefined();
  return (row ?? []).map(fromHtml);
}

describe('renderReportHtml', () => {
  const data = sampleReportData();
  const html = renderReportHtml(data, { issue: 48 });
  const $ = cheerio.load(html);
  const tables = htmlTables(html);

  it('is one self-contained document: title, masthead, every section, no external asset', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect($('title').text()).toBe(data.title);
    expect($('.masthead h1').text()).toBe(data.title);
    expect($('.masthead .issue').text()).toBe('第48期');
    expect($('.masthead .issuer').text()).toBe(data.issuer);
    expect($('.masthead .issued-on').text()).toBe('2026年11月30日');
    expect($('.period').text()).toContain('2026年11月23日至11月29日');
    expect(
      $('h2')
        .toArray()
        .map((h) => $(h).text()),
    ).toEqual([...HEADINGS, '附表：每日数据']);
    expect($('script, link, img, iframe').length).toBe(0);
    expect(html).not.toMatch(/(src|href)=|url\(\s*['"]?(https?:|\/\/)|@import/i);
    expect($('figure[data-chart] svg').length).toBe(3);
    expect(cheerio.load(renderReportHtml(data))('.masthead .issue').length).toBe(0);
  });

  it('prints every headline figure in the paragraph and the table, with ↑↓', () => {
    const paragraph = $('#overview p').first().text();
    expect(paragraph).toContain('新增线索12件，较上期增加3件');
    expect(paragraph).toContain('办结率85.5%，较上期提高2.3个百分点');
    expect(paragraph).toContain('追回金额123.46万元');
    expect(paragraph).toContain('核实属实7件，与上期持平');
    const headline = tables.get('总体情况')!;
    expect(headline.headers).toEqual(['指标', '本期', '上期', '变化']);
    for (const figure of data.headline) {
      const row = rowOf(headline, `${figure.label}（${figure.unit}）`);
      expect(row.slice(1)).toEqual([figure.value, figure.previous, figure.change].map(String));
    }
    expect(rowOf(headline, '解决（件）')).toEqual(['解决（件）', '9', '11', '-2']);
    expect(headline.rows.find((cells) => cells[0] === '解决（件）')?.[3]).toBe('↓2');
    expect(headline.rows.find((cells) => cells[0] === '追回金额（元）')?.[1]).toBe('1,234,560');
    expect(
      $('ol.definitions li')
        .toArray()
        .map((li) => $(li).text()),
    ).toEqual(data.headline.map((figure) => `${figure.label}：${figure.definition}`));
  });

  it('has a row for every town, department, industry, overdue lead, offender and event', () => {
    const units = [
      ['分乡镇', data.by_town],
      ['分部门', data.by_department],
      ['分行业', data.by_industry],
    ] as const;
    for (const [sheet, rows] of units) {
      for (const unit of rows) {
        const {
          unit: name,
          new_leads,
          open,
          verified,
          resolved,
          overdue,
          amount_recovered,
          workers_paid,
        } = unit;
        const values = [new_leads, open, verified, resolved, overdue, amount_recovered, workers_paid];
        expect(rowOf(tables.get(sheet)!, name)).toEqual([
          name,
          ...values.map(String),
          String(unit.closure_rate),
        ]);
      }
    }
    expect(tables.get('超期未办结')!.rows).toEqual([
      ['河口镇、县住建局', 'L-2026-0101', '宏达建筑劳务拖欠30名农民工工资', '2026-11-18', '8', '挂牌督办'],
      ['河口镇、县住建局、县人社局', 'L-2026-0117', '安置房项目 A&B 班组欠薪', '2026-11-24', '4', '督办'],
      ['城关街道', 'L-2026-0123', '城关街道某商铺装修工资未结', '2026-11-27', '1', '催办'],
    ]);
    const offenders = tables.get('回头看')!;
    expect(offenders.rows.map((cells) => [cells[1], cells[7]])).toEqual([
      ['宏达建筑劳务有限公司', '是'],
      ['河口镇安置房二期项目', '否'],
    ]);
    expect($('tr.candidate').text()).toContain('宏达建筑劳务有限公司');
    const events = tables.get('网络舆情')!;
    expect(events.rows.map((cells) => cells.slice(0, 4))).toEqual([
      ['红色', '河口镇工地数十名农民工聚集讨薪', '河口镇', '48'],
      ['橙色', '<script>alert(1)</script>小区装修队讨薪帖', '未识别', '15'],
      ['黄色', '石桥乡厂区工资延迟发放', '石桥乡', '6'],
    ]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect($('span.level-red').text()).toBe('红色');
  });

  it('states the clearance projection against the deadline', () => {
    expect($('#clearance p').text()).toBe(
      '“2026年冬季根治欠薪专项行动”清零期限为2026年12月31日。截至本期末，在办线索13件；' +
        '按近期办结速度，预计于2027年1月8日实现清零，进度滞后，难以按期清零，须加快办结。',
    );
  });
});

describe('renderReportXlsx', () => {
  it('holds one sheet per table with the same rows and values as the HTML, numbers as numbers', async () => {
    const data = sampleReportData();
    const workbook = await readWorkbook(data);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(SHEETS);
    const tables = htmlTables(renderReportHtml(data));
    expect([...tables.keys()]).toEqual(SHEETS);
    for (const sheet of workbook.worksheets) {
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      const [headers = [], ...rows] = sheetValues(sheet);
      const grid = tables.get(sheet.name)!;
      const shown = grid.headers.map((header) => headers.indexOf(header));
      expect(shown, sheet.name).not.toContain(-1);
      expect(headers.filter((header) => !grid.headers.includes(String(header)))).toEqual(
        sheet.name === '总体情况' ? ['口径'] : [],
      );
      expect(rows.length, sheet.name).toBe(grid.rows.length);
      grid.rows.forEach((htmlRow, r) => {
        const cells = shown.map((c) => rows[r]![c]);
        expect(cells.map(fromXlsx), `${sheet.name} row ${r + 1}`).toEqual(htmlRow.map(fromHtml));
        htmlRow.forEach((text, c) => {
          if (/^-?\d+(\.\d+)?$/.test(fromHtml(text)))
            expect(typeof cells[c], `${sheet.name} ${text}`).toBe('number');
        });
      });
      expect(sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
      expect(
        sheet.columns.every((column) => (column.width ?? 0) >= 8),
        sheet.name,
      ).toBe(true);
    }
  });

  it('adds the definitions and shows changes with ↑↓ number formats', async () => {
    const data = sampleReportData();
    const sheet = (await readWorkbook(data)).getWorksheet('总体情况')!;
    const rows = sheetValues(sheet);
    expect(rows[1]).toEqual(['新增线索（件）', 12, 9, 3, data.headline[0]!.definition]);
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('"↑"#,##0;"↓"#,##0;"持平"');
    expect(sheet.getRow(5).getCell(2).numFmt).toBe('0.0');
  });
});

describe('renderReportMarkdown', () => {
  const markdown = renderReportMarkdown(sampleReportData(), { issue: 48 });

  it('has the sections and their tables, the charts left out with a note', () => {
    for (const heading of HEADINGS) expect(markdown).toContain(`## ${heading}`);
    expect(markdown).toContain('# 青禾县根治欠薪工作周调度（2026年第48周）');
    expect(markdown).toContain('| 指标 | 本期 | 上期 | 变化 |\n| --- | ---: | ---: | ---: |');
    expect(markdown).toContain('| 新增线索（件） | 12 | 9 | ↑3 |');
    expect(markdown).toContain('| 河口镇 | 5 | 8 | 3 | 4 | 2 | 860,000 | 72 | 80.0 |');
    expect(markdown).toContain('| L-2026-0101 |');
    expect(markdown).toContain('| ★企业 | 宏达建筑劳务有限公司 |');
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(markdown).toContain('> （图1　每日线索与舆情趋势从略，见 HTML 或 XLSX 版。）');
    expect(markdown).not.toContain('<svg');
  });
});

describe('report charts', () => {
  const data = sampleReportData();
  const charts = [
    ['trend', trendChartSvg, ['每日线索与舆情趋势', '新增线索', '办结', '网络舆情事件', '11-23', '11-29']],
    ['level', levelChartSvg, ['网络舆情事件分级统计', '红色', '橙色', '黄色', '蓝色', '#d4a017']],
    [
      'burn-down',
      burnDownChartSvg,
      ['在办线索', '理想线', '清零期限', '预计清零：2027年1月8日　清零期限：2026年12月31日'],
    ],
  ] as const;

  it.each(charts)('%s is a fixed-size SVG with Chinese labels, the same every time', (_, render, labels) => {
    const svg = render(data);
    expect(svg).toMatch(/^<svg width="720" height="320" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const label of labels) expect(svg).toContain(label);
    expect(svg).not.toMatch(/\bzr\d+-/);
    expect(svg).not.toContain('<animate');
    expect(render(data)).toBe(svg);
  });
});

describe('an empty period', () => {
  const data = emptyReportData();

  it('says so and still renders every section, with 无 where there is nothing', async () => {
    const html = renderReportHtml(data);
    const $ = cheerio.load(html);
    expect($('#overview p').first().text()).toBe(EMPTY_SENTENCE);
    expect(
      $('h2')
        .toArray()
        .map((h) => $(h).text()),
    ).toEqual([...HEADINGS, '附表：每日数据']);
    for (const id of ['by-town', 'by-department', 'by-industry', 'overdue', 'repeat-offenders', 'events']) {
      expect($(`#${id} p`).text(), id).toBe('无');
    }
    expect($('#clearance p').text()).toContain('近期无办结线索，无法预计清零日期');
    expect($('figure[data-chart="trend"], figure[data-chart="level"]').length).toBe(0);
    expect(renderReportMarkdown(data)).toContain(EMPTY_SENTENCE);
    const workbook = await readWorkbook(data);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(SHEETS);
    expect(workbook.getWorksheet('分乡镇')!.rowCount).toBe(1);
  });
});

describe('the HTML in a browser', () => {
  const screenshot = fileURLToPath(new URL('../../test-results/report-page1.png', import.meta.url));

  it('lays out the three charts and prints page one as A4', async () => {
    const data = sampleReportData();
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.setContent(renderReportHtml(data, { issue: 48 }), { waitUntil: 'load' });
      expect(await page.title()).toBe(data.title);
      for (const chart of ['trend', 'level', 'burn-down']) {
        const box = await page.locator(`figure[data-chart="${chart}"] svg`).boundingBox();
        expect(box?.width, chart).toBeGreaterThan(0);
        expect(box?.height, chart).toBeGreaterThan(0);
      }
      const svgs = [trendChartSvg(data), levelChartSvg(data), burnDownChartSvg(data)];
      const xmlErrors = await page.evaluate((sources) => {
        const { DOMParser: Parser } = globalThis as unknown as BrowserXml;
        return sources.map(
          (source) =>
            new Parser().parseFromString(source, 'image/svg+xml').getElementsByTagName('parsererror').length,
        );
      }, svgs);
      expect(xmlErrors).toEqual([0, 0, 0]);
      expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
      await mkdir(fileURLToPath(new URL('../../test-results/', import.meta.url)), { recursive: true });
      await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: 794, height: 1123 } });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
