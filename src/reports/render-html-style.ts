import { BODY_FONTS, LEVEL_COLOURS, type ReportLevel, SANS_FONTS } from './render-format.ts';

/**
 * The bulletin's stylesheet, inlined into the document: an A4 page on screen (794 px at 96 dpi)
 * and in print, a red masthead, 仿宋 body, 黑体 headings, tables that keep their header on every
 * printed page. No web fonts and no external files.
 */

const RED = '#c00000';

function levelRules(): string {
  return (Object.entries(LEVEL_COLOURS) as [ReportLevel, { fill: string; text: string }][])
    .map(([level, colour]) => `.level-${level}{background:${colour.fill};color:${colour.text}}`)
    .join('\n');
}

/** The whole `<style>` content. */
export function reportCss(): string {
  return `
@page{size:A4;margin:20mm 18mm 18mm}
*{box-sizing:border-box}
html{background:#f2f2f2}
body{margin:0 auto;width:794px;min-height:1123px;padding:56px 56px 64px;background:#fff;color:#000;
  font-family:${BODY_FONTS};font-size:15px;line-height:1.8}
.masthead{text-align:center;color:${RED};margin-bottom:8px}
.masthead h1{margin:0;font-family:${SANS_FONTS};font-size:28px;font-weight:bold;letter-spacing:2px;line-height:1.4}
.masthead .issue{margin-top:6px;color:#000;font-size:16px}
.masthead .meta{display:flex;justify-content:space-between;margin-top:12px;color:#000;font-size:15px}
.masthead .rule{margin-top:6px;border-top:3px solid ${RED};border-bottom:1px solid ${RED};height:5px}
.period{margin:12px 0 4px;font-size:14px;color:#333}
h2{font-family:${SANS_FONTS};font-size:18px;margin:22px 0 8px;break-after:avoid}
p{margin:6px 0;text-indent:2em;text-align:justify}
p.none{text-indent:2em}
table{width:100%;border-collapse:collapse;margin:8px 0 12px;font-size:13px;line-height:1.5;
  font-family:${SANS_FONTS}}
caption{caption-side:top;text-align:left;font-weight:bold;padding:4px 0}
thead{display:table-header-group}
th,td{border:1px solid #555;padding:3px 6px;vertical-align:top}
th{background:#f0f0f0;font-weight:bold;text-align:center}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr{break-inside:avoid}
tr.candidate td{color:#b71c1c;font-weight:bold}
tr.candidate td:first-child::before{content:'★'}
.level{display:inline-block;padding:0 6px;border-radius:3px;font-weight:bold}
${levelRules()}
figure{margin:10px 0 14px;text-align:center;break-inside:avoid}
figure svg{max-width:100%;height:auto}
figcaption{font-size:13px;color:#333}
ol.definitions{margin:6px 0;padding-left:2em;font-size:14px}
section.page-break{break-before:page}
@media print{html{background:none}body{width:auto;min-height:0;padding:0}}
`;
}
