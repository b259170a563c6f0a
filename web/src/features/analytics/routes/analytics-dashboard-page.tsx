import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Page, Section } from '../../../components/page.js';
import { analyticsSummaryQuery, type AnalyticsSummary } from '../api/analytics-api.js';
import { BarChart } from '../components/bar-chart.js';
import { LineChart, type Series } from '../components/line-chart.js';

const PERIODS = [7, 30, 90] as const;
const COLOURS = ['#1a5fb4', '#c64600', '#26a269', '#813d9c', '#986a44', '#e01b24'];

/** Staff see counts only: visits, top pages and features used, from consenting visitors and people. */
export function AnalyticsDashboardPage() {
  const [days, setDays] = useState<number>(30);
  const { data } = useQuery(analyticsSummaryQuery(days));
  return (
    <Page
      title="Analytics"
      width="wide"
      intro={
        data?.cookieless
          ? 'Counted without cookies or identifiers: daily totals per page and feature only; robots are left out and no address is kept.'
          : 'Counted only for visitors and people who agreed to analytics; robots are left out and no address is kept.'
      }
    >
      <p>
        <label htmlFor="analytics-period">Period </label>
        <select id="analytics-period" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              Last {p} days
            </option>
          ))}
        </select>
      </p>
      {data ? <Dashboard summary={data} /> : <Loading />}
    </Page>
  );
}

function Dashboard({ summary }: { summary: AnalyticsSummary }) {
  const labels = summary.days.map((d) => d.day);
  const visits: Series[] = [
    { name: 'Visits', values: summary.days.map((d) => d.visits), colour: COLOURS[0]! },
    { name: 'Page views', values: summary.days.map((d) => d.pageViews), colour: COLOURS[1]! },
  ];
  const featureNames = [...new Set(summary.features.map((f) => f.feature))];
  const features: Series[] = featureNames.map((name, i) => ({
    name,
    colour: COLOURS[i % COLOURS.length]!,
    values: labels.map((day) => summary.features.find((f) => f.day === day && f.feature === name)?.uses ?? 0),
  }));
  const total = (key: 'visits' | 'pageViews') => summary.days.reduce((sum, d) => sum + d[key], 0);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <>
      <Section title="Visits" description={`${count(total('visits'), 'visit', 'visits')} and ${count(total('pageViews'), 'page view', 'page views')} from ${summary.from} to ${summary.to}${summary.averageSessionSeconds !== null ? `; sessions last ${summary.averageSessionSeconds} s on average` : ''}.`}>
        <LineChart title="Visits and page views per day" labels={labels} series={visits} />
      </Section>
      <Section title="Top pages">
        {summary.topPages.length ? <BarChart title="Page views by page" rows={summary.topPages.map((p) => ({ label: p.path, value: p.views }))} /> : <p>No page views yet.</p>}
      </Section>
      <Section title="Features used">
        {features.length ? <LineChart title="Features used per day" labels={labels} series={features} /> : <p>No feature use recorded yet.</p>}
      </Section>
      <ConsentDecisions consent={summary.consent} />
    </>
  );
}

const METHOD_WORDS: Record<string, string> = { banner: 'Banner', settings: 'Cookie settings', gpc: 'Global Privacy Control', account_page: 'Account page' };

/** Who sent Global Privacy Control, and how decisions were taken: counts of consent records, no one named. */
function ConsentDecisions({ consent }: { consent: AnalyticsSummary['consent'] }) {
  const share = consent.gpcShare === null ? null : Math.round(consent.gpcShare * 1000) / 10;
  const description =
    share === null
      ? 'Nobody made a consent decision in this period.'
      : `${consent.withGpc} of ${consent.subjects} visitors and people who decided (${share} %) sent Global Privacy Control, which counts as an opt-out of sale, sharing and targeted advertising.`;
  return (
    <Section title="Consent decisions" description={description}>
      {consent.byMethod.length ? (
        <BarChart title="Consent decisions by method" rows={consent.byMethod.map((m) => ({ label: `${METHOD_WORDS[m.method] ?? m.method}: ${m.decision}`, value: m.records }))} />
      ) : (
        <p>No consent decisions yet.</p>
      )}
    </Section>
  );
}
