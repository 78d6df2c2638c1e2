import { echarts } from '../lazy-libraries';

export interface TimelineItem {
  /** Row label, e.g. "Misure minime di sicurezza ICT" or "PNRR 1.4.5". */
  label: string;
  /** YYYY-MM-DD */
  date: string;
  kind: 'plan' | 'pnrr';
  /** What the point is: "scadenza", "chiusura avviso", "erogata". */
  caption: string;
  /** The full name, for the table under the chart (the label may be shortened). */
  detail?: string;
}

const PLAN_COLOUR = '#0066cc'; // Bootstrap Italia primary
const PNRR_COLOUR = '#008055'; // Bootstrap Italia success
const TODAY_COLOUR = '#cc334d';

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The cronoprogramma as an SVG drawn on the server by ECharts (no browser): one row per
 * assignment and per PNRR call, a point at each due date, and a line for today. Returns null
 * when there is no date to draw.
 */
export function timelineSvg(items: TimelineItem[], today: string, width = 515): string | null {
  const dated = items.filter((item) => /^\d{4}-\d{2}-\d{2}$/.test(item.date));
  if (dated.length === 0) return null;
  const labels = [...new Set(dated.map((item) => shorten(item.label, 48)))];
  const height = Math.max(140, 60 + labels.length * 26);
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  const point = (item: TimelineItem) => ({
    value: [item.date, shorten(item.label, 48)],
    caption: item.caption,
  });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Titillium', fontSize: 9, color: '#1a1a1a' },
      grid: { left: 8, right: 20, top: 40, bottom: 24, containLabel: true },
      legend: {
        top: 0,
        left: 0,
        itemWidth: 10,
        itemHeight: 10,
        textStyle: { fontSize: 9 },
        data: ['Scadenze del Piano', 'Avvisi PNRR'],
      },
      xAxis: {
        type: 'time',
        axisLabel: { fontSize: 8, formatter: '{yyyy}' },
        splitLine: { show: true, lineStyle: { color: '#e6e9f2' } },
      },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        axisLabel: { fontSize: 8, width: 220, overflow: 'truncate' },
        axisTick: { show: false },
      },
      series: [
        {
          name: 'Scadenze del Piano',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 11,
          itemStyle: { color: PLAN_COLOUR },
          data: dated.filter((item) => item.kind === 'plan').map(point),
          markLine: {
            symbol: 'none',
            silent: true,
            label: { formatter: 'oggi', position: 'start', fontSize: 8, color: TODAY_COLOUR },
            lineStyle: { color: TODAY_COLOUR, type: 'dashed' },
            data: [{ xAxis: today }],
          },
        },
        {
          name: 'Avvisi PNRR',
          type: 'scatter',
          symbol: 'circle',
          symbolSize: 9,
          itemStyle: { color: PNRR_COLOUR },
          data: dated.filter((item) => item.kind === 'pnrr').map(point),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
