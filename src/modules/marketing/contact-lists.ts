import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { listReachableAccountsAfter } from '../accounts/index.js';
import type { MarketingDeps } from './marketing.deps.js';
import { marketingErrors } from './marketing.errors.js';
import * as store from './marketing.store.js';
import { asksPostalAddress, postalAddressOf } from './postal-address.js';
import type { MarketingTables } from './marketing.tables.js';

const PAGE = 500;
const ADDRESS_COLUMNS = ['address_line1', 'address_line2', 'postal_code', 'city', 'region', 'country'];
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The call list (phone) or mailing list (post) of a campaign, made at the moment it is downloaded by
 * THE shared check, so nobody who opted out, restricted processing or sent GPC since is on it. The
 * download is audited with every person it names (a staff read of their data) and logged as reached.
 */
export async function campaignContactList(deps: MarketingDeps, principal: Principal, id: string, ctx: RequestContext): Promise<string> {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<MarketingTables>(work);
    const row = await store.findCampaign(db, id);
    if (!row) throw marketingErrors.campaignNotFound();
    if (row.channel !== 'phone' && row.channel !== 'post') throw marketingErrors.notAList();
    const { manifest, values } = await deps.policy.inWork(work);
    const logDeliveries = values.isDeclared('communications.marketing');
    // Where the policy asks people opting in by post for their address, the mailing list is of those who gave one.
    const withAddress = row.channel === 'post' && asksPostalAddress(manifest, values);
    const target = { purpose: row.purpose_id, topic: row.topic, channel: row.channel };
    const lines = [row.channel === 'phone' ? 'name,phone' : `name,company,email${withAddress ? `,${ADDRESS_COLUMNS.join(',')}` : ''}`];
    const listed: string[] = [];
    for (let after = FIRST_ID; ; ) {
      const people = await listReachableAccountsAfter(work, after, PAGE);
      for (const person of people) {
        if (row.channel === 'phone' && !person.phone) continue;
        const address = withAddress ? await postalAddressOf(work, person.id) : null;
        if (withAddress && !address) continue;
        if (!(await deps.egress.isMarketingAllowed(work, person.id, target))) continue;
        const postal = address ? [address.line1, address.line2 ?? '', address.postalCode, address.city, address.region ?? '', address.country] : [];
        lines.push(row.channel === 'phone' ? csv([person.name, person.phone ?? '']) : csv([person.name, person.company ?? '', person.email, ...postal]));
        listed.push(person.id);
        if (logDeliveries) await store.insertDelivery(db, { campaign_id: row.id, user_id: person.id, channel: row.channel, outcome: 'sent', delivered_at: deps.now() });
      }
      if (people.length < PAGE) break;
      after = people.at(-1)!.id;
    }
    await store.updateCampaign(db, id, { status: 'sent', reached: listed.length, finished_at: deps.now(), updated_at: deps.now() });
    await work.audit({ action: 'marketing.contact_list_downloaded', target: { type: 'marketing_campaign', id }, details: { channel: row.channel, people: listed } });
    return `${lines.join('\r\n')}\r\n`;
  });
}

/**
 * RFC 4180 quoting, and a leading =, +, - or @ defused so a spreadsheet never runs a cell as a formula
 * (a phone number such as +352 621 000 111 is no formula and stays as written).
 */
function csv(cells: string[]): string {
  const defused = (c: string) => (/^[=+\-@\t\r]/.test(c) && !/^\+?[\d\s().-]+$/.test(c) ? `'${c}` : c);
  return cells.map((c) => `"${defused(c).replace(/"/g, '""')}"`).join(',');
}
