import { echarts } from '../lazy-libraries';
import type { ComplianceBucket, ComplianceTrendPoint } from '@rtd/compliance';
import { STATUS_LABEL_PLURAL } from '@rtd/kernel';

/** The statuses in the report's words and colours (the app's plural labels). */
export const STATUS_WORDS: [keyof ComplianceBucket & string, string, string][] = [
  ['notStarted', STATUS_LABEL_PLURAL.NOT_STARTED, '#8a8a8a'],
  ['inProgress', STATUS_LABEL_PLURAL.IN_PROGRESS, '#0066cc'],
  ['submitted', STATUS_LABEL_PLURAL.SUBMITTED, '#a66300'],
  ['completed', STATUS_LABEL_PLURAL.COMPLETED, '#008055'],
  ['rejected', STATUS_LABEL_PLURAL.REJECTED, '#cc334d'],
  ['notApplicable', STATUS_LABEL_PLURAL.NOT_APPLICABLE, '#33485c'],
];

/** The periodic report's charts (ECharts rendered to SVG on the server): the trend and the statuses by objective. */
/** The completion rate over the period, one point per day, on one percentage axis. */
export function trendSvg(points: ComplianceTrendPoint[]): string | null {
  if (points.length === 0) return null;
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: 760, height: 240 });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Titillium', fontSize: 9, color: '#1a1a1a' },
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: {
        type: 'category',
        data: points.map((p) => `${p.day.slice(8, 10)}/${p.day.slice(5, 7)}/${p.day.slice(2, 4)}`),
        axisLabel: { fontSize: 8 },
      },
      yAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { fontSize: 8 } },
      series: [
        {
          type: 'line',
          showSymbol: false,
          color: '#0066cc',
          lineStyle: { width: 2 },
          data: points.map((p) => Math.round((p.buckets[0]?.completionRate ?? 0) * 1000) / 10),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** One horizontal bar per bucket, its activities stacked by status, with a legend in words. */
export function statusBarsSvg(buckets: ComplianceBucket[]): string | null {
  const shown = buckets.filter((b) => b.total > 0);
  if (shown.length === 0) return null;
  const labels = shown.map((b) => (b.label.length > 50 ? `${b.label.slice(0, 49)}…` : b.label));
  const height = Math.min(480, 60 + shown.length * 18);
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: 760, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Titillium', fontSize: 8, color: '#1a1a1a' },
      legend: { top: 0, left: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 8 } },
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 8 } },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        axisLabel: { fontSize: shown.length > 30 ? 6 : 8, width: 240, overflow: 'truncate' },
      },
      series: STATUS_WORDS.map(([field, name, color]) => ({
        name,
        type: 'bar',
        stack: 'stato',
        color,
        data: shown.map((b) => b[field] as number),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
