/**
 * "Insider activity", from Postgres: what insiders bought and sold. The queries read the tables the
 * loader fills (transactions, filings, filing_owners) and the aggregator's summaries (daily,
 * insider, cluster events), which already fold amendments into the trades they correct.
 * Grafana macros: $__timeFilter(col), $__timeFrom(), $__timeTo(); ${min_value} is a variable.
 */
import {
  CustomVariableBuilder,
  DashboardBuilder,
  RowBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { table, timeseries } from './panels';
import { POSTGRES, sqlSeries, sqlTable } from './queries';
import { postgresVariable, secTrackerDashboard } from './variables';

const LARGE_PURCHASES = `
SELECT t.accepted_at AS "accepted", t.issuer_ticker AS "ticker", f.issuer_name AS "issuer",
       (SELECT string_agg(o.owner_name, '; ' ORDER BY o.position)
          FROM filing_owners o WHERE o.accession_number = t.accession_number) AS "insiders",
       t.transaction_date AS "traded", t.shares AS "shares", t.price_per_share AS "price",
       t.value AS "value", t.document_type AS "form", t.accession_number AS "accession"
  FROM transactions t JOIN filings f USING (accession_number)
 WHERE t.kind = 'open_market_purchase' AND t.value >= \${min_value} AND $__timeFilter(t.accepted_at)
 ORDER BY t.accepted_at DESC, t.accession_number, t.position
 LIMIT 50`;

const CLUSTER_BUYS = `
SELECT c.trigger_date AS "triggered", c.issuer_ticker AS "ticker", c.start_date AS "from",
       c.end_date AS "to", c.insider_count AS "insiders", c.purchase_count AS "purchases",
       c.purchase_value AS "value",
       (SELECT string_agg(DISTINCT o.owner_name, '; ')
          FROM filing_owners o WHERE o.owner_cik = ANY (c.owner_ciks)) AS "who"
  FROM cluster_events c
 WHERE c.active AND c.trigger_date BETWEEN $__timeFrom()::date AND $__timeTo()::date
 ORDER BY c.trigger_date DESC, c.purchase_value DESC
 LIMIT 50`;

const NET_BUYING = `
SELECT d.date::timestamptz AS "time", sum(d.purchase_value) AS "bought", -sum(d.sale_value) AS "sold",
       sum(d.net_value) AS "net"
  FROM daily_summaries d
 WHERE d.date BETWEEN $__timeFrom()::date AND $__timeTo()::date
 GROUP BY d.date
 ORDER BY d.date`;

const TOP_BUYERS = `
SELECT max(i.owner_name) AS "insider", i.issuer_ticker AS "ticker", sum(i.purchase_count) AS "purchases",
       sum(i.purchase_value) AS "bought", sum(i.net_value) AS "net", i.owner_cik AS "owner CIK"
  FROM insider_summaries i
 WHERE i.date BETWEEN $__timeFrom()::date AND $__timeTo()::date AND i.purchase_count > 0
 GROUP BY i.owner_cik, i.issuer_ticker
 ORDER BY sum(i.purchase_value) DESC
 LIMIT 20`;

/** Business days from a Form 4's earliest trade to its acceptance (weekends excluded, not holidays). */
const FILING_DELAY = `
WITH filed AS (
  SELECT f.accession_number, f.accepted_at, min(t.transaction_date) AS traded
    FROM filings f JOIN transactions t USING (accession_number)
   WHERE f.document_type = '4' AND t.transaction_date IS NOT NULL AND $__timeFilter(f.accepted_at)
   GROUP BY f.accession_number, f.accepted_at
), delays AS (
  SELECT accepted_at,
         (SELECT count(*)
            FROM generate_series(traded + 1, (accepted_at AT TIME ZONE 'America/New_York')::date, interval '1 day') AS g(day)
           WHERE extract(isodow FROM g.day) < 6) AS business_days
    FROM filed
)
SELECT date_trunc('day', accepted_at) AS "time",
       percentile_cont(0.5) WITHIN GROUP (ORDER BY business_days) AS "median business days",
       percentile_cont(0.9) WITHIN GROUP (ORDER BY business_days) AS "p90 business days",
       count(*) FILTER (WHERE business_days > 2) AS "filed after 2 business days"
  FROM delays
 GROUP BY 1
 ORDER BY 1`;

export function insiderActivityDashboard(): DashboardBuilder {
  const sql = { datasource: POSTGRES };
  return secTrackerDashboard('Insider activity', {
    uid: 'sec-tracker-insider-activity',
    refresh: '5m',
    from: 'now-30d',
    datasource: postgresVariable(),
  })
    .withVariable(
      new CustomVariableBuilder('min_value')
        .label('Large purchase, at least ($)')
        .values('10000,100000,1000000,10000000')
        .current({ text: '100000', value: '100000' }),
    )
    .withRow(new RowBuilder('Buying'))
    .withPanel(
      table(
        'Latest large open-market purchases',
        {
          ...sql,
          description:
            'Open-market purchases (code P) worth at least the chosen value, newest filings first.',
          width: 24,
          height: 10,
        },
        sqlTable(LARGE_PURCHASES),
      ),
    )
    .withPanel(
      table(
        'Cluster buys',
        {
          ...sql,
          description:
            'Several insiders of one issuer buying on the open market within CLUSTER_WINDOW_DAYS (the aggregator’s rules), by the day the cluster formed.',
          width: 12,
          height: 10,
        },
        sqlTable(CLUSTER_BUYS),
      ),
    )
    .withPanel(
      table(
        'Top buyers this week',
        {
          ...sql,
          description: 'Insiders by open-market purchase value over the last 7 days.',
          width: 12,
          height: 10,
          timeFrom: '7d',
        },
        sqlTable(TOP_BUYERS),
      ),
    )
    .withPanel(
      timeseries(
        'Net open-market buying by day',
        {
          ...sql,
          description: 'Purchases minus sales in dollars, all issuers, by trade date.',
          unit: 'currencyUSD',
          width: 12,
        },
        sqlSeries(NET_BUYING),
      ),
    )
    .withPanel(
      timeseries(
        'Filing delay (Form 4)',
        {
          ...sql,
          description:
            'Business days from a Form 4’s earliest trade to its EDGAR acceptance (weekends excluded, holidays not), by acceptance day. Section 16 asks for 2 business days.',
          unit: 'short',
          width: 12,
        },
        sqlSeries(FILING_DELAY),
      ),
    );
}
