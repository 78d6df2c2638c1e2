import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { COMPLIANCE_COLUMN_LABEL, TREND_CHART_LABEL as L } from '../../../lib/i18n';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface TrendPoint {
  day: string;
  completionRate: number;
  completed: number;
  submitted: number;
  overdue: number;
}

interface Series {
  name: string;
  values: number[];
  color: string;
  dash?: 'dashed' | 'dotted';
}

/**
 * One line chart with one axis (ECharts, drawn in SVG): a percentage and a count never share a
 * scale, so the Cruscotto draws them as two charts. The same numbers are in the table below.
 */
function LineChartOf({
  label,
  days,
  series,
  percent,
}: {
  label: string;
  days: string[];
  series: Series[];
  percent: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'EN' });
    chart.setOption({
      aria: { enabled: true, label: { description: L.description(label) } },
      animation: false,
      textStyle: { fontFamily: 'Titillium Web, sans-serif' },
      tooltip: { trigger: 'axis' },
      legend: { data: series.map((s) => s.name), bottom: 0 },
      grid: { left: 48, right: 24, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: days },
      yAxis: percent
        ? { type: 'value', name: '%', min: 0, max: 100 }
        : { type: 'value', name: L.activities, minInterval: 1 },
      series: series.map((s) => ({
        name: s.name,
        type: 'line',
        data: s.values,
        color: s.color,
        lineStyle: { width: 3, ...(s.dash ? { type: s.dash } : {}) },
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [label, days, series, percent]);
  return <div ref={ref} className="rtd-chart" role="img" aria-label={label} />;
}

/** The trend as two charts: completion in percent, and the counts of activities. */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const days = useMemo(() => points.map((p) => `${p.day.slice(8, 10)}/${p.day.slice(5, 7)}`), [points]);
  const rates = useMemo<Series[]>(
    () => [
      {
        name: L.completionSeries,
        values: points.map((p) => Math.round(p.completionRate * 1000) / 10),
        color: '#0066cc',
      },
    ],
    [points],
  );
  const counts = useMemo<Series[]>(
    () => [
      { name: COMPLIANCE_COLUMN_LABEL.completed, values: points.map((p) => p.completed), color: '#008055' },
      { name: L.submitted, values: points.map((p) => p.submitted), color: '#a66300', dash: 'dotted' },
      { name: L.overdue, values: points.map((p) => p.overdue), color: '#cc334d', dash: 'dashed' },
    ],
    [points],
  );
  return (
    <div className="row g-4">
      <div className="col-12 col-xl-6">
        <h3 className="h6">{L.completionTitle}</h3>
        <LineChartOf label={L.completionChart} days={days} percent series={rates} />
      </div>
      <div className="col-12 col-xl-6">
        <h3 className="h6">{L.countsTitle}</h3>
        <LineChartOf label={L.countsChart} days={days} percent={false} series={counts} />
      </div>
    </div>
  );
}
