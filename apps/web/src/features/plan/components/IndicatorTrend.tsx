import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { INDICATOR_TREND_LABEL as T } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/i18n';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface TrendPeriod {
  period: string;
  value: number | null;
  target: number | null;
  onTarget: boolean | null;
  count: number;
}

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
const show = (v: number | null) => (v === null ? '—' : number.format(v));

/**
 * An indicator's consortium value per period against the year's target: a line chart (ECharts,
 * SVG) and the same numbers in a table, as the Cruscotto does, for whoever does not see the chart.
 */
export function IndicatorTrend({
  name,
  unit,
  periods,
}: {
  name: string;
  unit: string;
  periods: TrendPeriod[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const label = T.chart(name);
  useEffect(() => {
    if (!ref.current || periods.length === 0) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'EN' });
    chart.setOption({
      aria: { enabled: true, label: { description: T.chartDescription(label) } },
      animation: false,
      textStyle: { fontFamily: 'Titillium Web, sans-serif' },
      tooltip: { trigger: 'axis' },
      legend: { data: [T.value, T.target], bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: periods.map((p) => periodLabel(p.period)) },
      yAxis: { type: 'value', name: unit },
      series: [
        {
          name: T.value,
          type: 'line',
          data: periods.map((p) => p.value),
          color: '#0066cc',
          lineStyle: { width: 3 },
        },
        {
          name: T.target,
          type: 'line',
          data: periods.map((p) => p.target),
          color: '#a66300',
          lineStyle: { width: 2, type: 'dashed' },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [label, unit, periods]);
  if (periods.length === 0) return <p>{T.none}</p>;
  return (
    <>
      <div ref={ref} className="rtd-chart" role="img" aria-label={label} />
      <div className="table-responsive">
        <table className="table table-sm">
          <caption>{T.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.period}</th>
              <th scope="col">{T.value}</th>
              <th scope="col">{T.target}</th>
              <th scope="col">{T.outcome}</th>
              <th scope="col">{T.count}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.period}>
                <th scope="row">{periodLabel(p.period)}</th>
                <td>{show(p.value)}</td>
                <td>{show(p.target)}</td>
                <td>{p.onTarget === null ? '—' : p.onTarget ? T.onTarget : T.offTarget}</td>
                <td>{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
