/**
 * Bar charts for the statistics pages, drawn by Chart.js (tree-shaken: the bar controller, two scales
 * and the tooltip only). A chart is a picture for sighted readers: its canvas is `role="img"` with a
 * summary, and the same figures are always in an accessible table next to it.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

interface Props {
  /** names the picture for screen readers: "the figures are in the table below" */
  title: string;
  labels: string[];
  series: BarSeries[];
  horizontal?: boolean;
}

export function BarChart({ title, labels, series, horizontal }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, horizontal]);
  return (
    <div class="chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${title} (ตัวเลขอยู่ในตารางด้านล่าง / figures in the table below)`}
      />
    </div>
  );
}
