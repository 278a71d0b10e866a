const ECHARTS_URL = '/console/vendor/echarts.min.js';
let loading = null;

/** ECharts from this server (a classic script that sets `window.echarts`), loaded once on demand. */
export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = ECHARTS_URL;
    script.addEventListener('load', () => resolve(window.echarts));
    script.addEventListener('error', () => {
      loading = null;
      script.remove();
      reject(new Error('echarts'));
    });
    document.head.append(script);
  });
  return loading;
}

const TEXT = '#d7dee8';
const GRID = '#2b3542';

/** Open leads per day against the ideal straight line to zero by the deadline. */
export function burnDownOption(view) {
  const actual = new Map((view.burn_down ?? []).map((point) => [point.day, point.open]));
  const ideal = new Map((view.ideal ?? []).map((point) => [point.day, point.open]));
  const days = [...new Set([...actual.keys(), ...ideal.keys()])].sort();
  return {
    backgroundColor: 'transparent',
    textStyle: { color: TEXT, fontSize: 14 },
    aria: { enabled: true },
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: TEXT, fontSize: 14 } },
    grid: { left: 56, right: 24, top: 40, bottom: 36 },
    xAxis: {
      type: 'category',
      data: days,
      axisLabel: { color: TEXT },
      axisLine: { lineStyle: { color: '#6b7785' } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      name: '未办结（件）',
      nameTextStyle: { color: TEXT },
      axisLabel: { color: TEXT },
      splitLine: { lineStyle: { color: GRID } },
    },
    series: [
      {
        name: '实际未办结',
        type: 'line',
        data: days.map((d) => actual.get(d) ?? null),
        color: '#ff6b6b',
        lineStyle: { width: 3 },
        symbolSize: 6,
      },
      {
        name: '理想进度',
        type: 'line',
        data: days.map((d) => ideal.get(d) ?? null),
        connectNulls: true,
        color: '#74c0fc',
        lineStyle: { width: 2, type: 'dashed' },
        symbol: 'none',
      },
    ],
  };
}
