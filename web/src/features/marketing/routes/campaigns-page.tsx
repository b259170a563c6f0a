import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField, TextAreaField, TextField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { formatDateTime } from '../../../lib/format.js';
import { CHANNEL_LABELS, marketingOptionsQuery, type MarketingOffer } from '../../../lib/marketing.js';
import { campaignsQuery, contactListUrl, createCampaign, previewCampaign, sendCampaign, updateCampaign, type Campaign, type CampaignInput } from '../api/marketing-api.js';

/** The marketing staff's campaigns: write (Markdown), preview, send (progress shown), or download a call or mailing list. */
export function CampaignsPage() {
  const campaigns = useQuery(campaignsQuery());
  const options = useQuery(marketingOptionsQuery());
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  return (
    <Page title="Campaigns" intro="Each campaign goes to the people opted in to its topic on its channel at the moment it is sent." width="wide">
      {!campaigns.data || !options.data ? (
        <Loading />
      ) : (
        <>
          <p className="page-actions">
            <Button onClick={() => setEditing('new')} disabled={options.data.purposes.length === 0}>
              New campaign
            </Button>
          </p>
          {editing ? <Editor key={editing === 'new' ? 'new' : editing.id} offer={options.data.purposes} campaign={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
          <CampaignList campaigns={campaigns.data.campaigns} onEdit={setEditing} />
        </>
      )}
    </Page>
  );
}

function CampaignList({ campaigns, onEdit }: { campaigns: Campaign[]; onEdit: (c: Campaign) => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  if (campaigns.length === 0) return <p>No campaigns yet.</p>;
  const send = async (id: string) => {
    setError(null);
    try {
      await sendCampaign(id);
      await queryClient.invalidateQueries({ queryKey: campaignsQuery().queryKey });
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  return (
    <Section title="All campaigns">
      <FormAlert message={error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Topic</th>
              <th scope="col">Channel</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <td>{c.subject}</td>
                <td>{c.topic}</td>
                <td>{CHANNEL_LABELS[c.channel] ?? c.channel}</td>
                <td>{c.status}</td>
                <td>
                  {c.progress.reached} reached of {c.progress.examined} accounts looked at
                  {c.progress.finishedAt ? `, finished ${formatDateTime(c.progress.finishedAt)}` : ''}
                </td>
                <td className="button-row">
                  {c.status === 'draft' ? (
                    <Button variant="secondary" onClick={() => onEdit(c)}>
                      Edit
                    </Button>
                  ) : null}
                  {c.status === 'draft' && (c.channel === 'email' || c.channel === 'sms') ? <Button onClick={() => void send(c.id)}>Send</Button> : null}
                  {c.channel === 'phone' || c.channel === 'post' ? (
                    <a className="button button-secondary" href={contactListUrl(c.id)} download>
                      Download {c.channel === 'phone' ? 'call' : 'mailing'} list
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Editor({ offer, campaign, onDone }: { offer: MarketingOffer; campaign: Campaign | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const first = offer[0]!;
  const [input, setInput] = useState<CampaignInput>(() =>
    campaign
      ? { purpose: campaign.purpose, topic: campaign.topic, channel: campaign.channel, subject: campaign.subject, bodyMarkdown: campaign.bodyMarkdown }
      : { purpose: first.id, topic: first.topics[0]!.id, channel: first.channels[0]!, subject: '', bodyMarkdown: '' },
  );
  const [saved, setSaved] = useState<Campaign | null>(campaign);
  const [preview, setPreview] = useState<{ subject: string; html: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const purpose = offer.find((p) => p.id === input.purpose) ?? first;

  async function save(thenPreview: boolean) {
    setBusy(true);
    setError(null);
    try {
      const next = saved ? await updateCampaign(saved.id, input) : await createCampaign(input);
      setSaved(next);
      await queryClient.invalidateQueries({ queryKey: campaignsQuery().queryKey });
      if (thenPreview) setPreview(await previewCampaign(next.id));
      else onDone();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={saved ? 'Edit campaign' : 'New campaign'}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <SelectField label="Purpose" name="purpose" value={input.purpose} onChange={(e) => setInput({ ...input, purpose: e.target.value })}>
          {offer.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Topic" name="topic" value={input.topic} onChange={(e) => setInput({ ...input, topic: e.target.value })}>
          {purpose.topics.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Channel" name="channel" value={input.channel} onChange={(e) => setInput({ ...input, channel: e.target.value as CampaignInput['channel'] })}>
          {purpose.channels.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c] ?? c}
            </option>
          ))}
        </SelectField>
        <TextField label="Subject" name="subject" maxLength={200} value={input.subject} onChange={(e) => setInput({ ...input, subject: e.target.value })} required />
        <TextAreaField label="Message (Markdown)" name="bodyMarkdown" rows={10} value={input.bodyMarkdown} onChange={(e) => setInput({ ...input, bodyMarkdown: e.target.value })} hint="# headings, **bold**, *italic*, - lists and [links](https://…)" required />
        <FormAlert message={error} />
        <div className="button-row">
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save draft
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => void save(true)}>
            Save and preview
          </Button>
          <Button variant="secondary" disabled={busy} onClick={onDone}>
            Close
          </Button>
        </div>
      </form>
      {preview ? (
        <>
          <StatusMessage>Preview of “{preview.subject}”, as a recipient sees it.</StatusMessage>
          <iframe title="Campaign preview" className="mail-preview" sandbox="" srcDoc={preview.html} style={{ width: '100%', minHeight: '28rem', border: '1px solid #e4e4e7' }} />
          <details>
            <summary>Plain-text part</summary>
            <pre className="small">{preview.text}</pre>
          </details>
        </>
      ) : null}
    </Section>
  );
}
