import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { Page, Section } from '../../../components/page.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { formatDateTime } from '../../../lib/format.js';
import { checkDraft, usePublishManifest, versionsQuery, versionYaml, type DraftCheck, type Published } from '../api/privacy-editor-api.js';
import { LineGutter } from '../components/line-gutter.js';
import { PolicyPreview } from '../components/policy-preview.js';
import { ProblemList } from '../components/problem-list.js';
import '../privacy-editor.css';

const CHECK_DELAY_MS = 500;
const MAX_UPLOAD_BYTES = 1024 * 1024;

function errorText(error: unknown): string {
  return isApiError(error) ? error.detail : 'Something went wrong. Please try again.';
}

/** The privacy officer's editor: paste or upload the manifest, see every problem by line, preview, publish. */
export function PrivacyEditorPage() {
  const [yaml, setYaml] = useState('');
  const [check, setCheck] = useState<DraftCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [published, setPublished] = useState<Published | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  // Bumped after publishing, so the draft is compared again with what is now the newest version.
  const [recheck, setRecheck] = useState(0);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const latestRequest = useRef(0);
  const versions = useQuery(versionsQuery());
  const publishManifest = usePublishManifest();
  const latest = versions.data?.[0];

  // Checked as the officer types; only the answer to the newest text is shown.
  useEffect(() => {
    if (!yaml.trim()) {
      setCheck(null);
      return;
    }
    const request = ++latestRequest.current;
    const timer = setTimeout(() => {
      setChecking(true);
      checkDraft(yaml).then(
        (result) => {
          if (request !== latestRequest.current) return;
          setCheck(result);
          setError(null);
          setChecking(false);
        },
        (e: unknown) => {
          if (request !== latestRequest.current) return;
          setError(errorText(e));
          setChecking(false);
        },
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [yaml, recheck]);

  function edit(text: string) {
    setYaml(text);
    setPublished(null);
  }

  async function loadLatest() {
    if (!latest) return;
    try {
      edit(await versionYaml(latest.version));
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) return setError(`${file.name} is ${Math.round(file.size / 1024)} KB; a manifest is at most a few hundred KB.`);
    edit(await file.text());
  }

  function goToLine(line: number, column: number) {
    const area = textRef.current;
    if (!area) return;
    const lines = yaml.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    const end = start + (lines[line - 1]?.length ?? 0);
    area.focus();
    area.setSelectionRange(Math.min(start + column - 1, end), end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
    setScrollTop(area.scrollTop);
  }

  async function publish() {
    setPublishing(true);
    setError(null);
    try {
      setPublished(await publishManifest.mutateAsync(yaml));
      setRecheck((n) => n + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPublishing(false);
    }
  }

  const problems = check?.problems ?? [];
  const warnings = check?.warnings ?? [];
  const unchanged = check?.change?.unchanged === true;
  const valid = check?.valid === true && !checking && !unchanged;
  const significant = check?.change?.level === 'significant';

  return (
    <Page
      title="Privacy manifest"
      intro="The manifest is the privacy policy: what you publish here is the policy people read at /privacy, and the rules the system follows."
      width="wide"
    >
      <FormAlert message={error} />
      {published ? (
        <StatusMessage>
          Published version {published.version} ({published.changeLevel}), in force from {formatDateTime(published.effectiveAt)}.
          {published.notifying ? ' Every user is being e-mailed a notice of the change.' : ''} <a href="/privacy">Read the policy</a> ·{' '}
          <a href="/privacy/history">History</a>
        </StatusMessage>
      ) : (
        <StatusMessage>{null}</StatusMessage>
      )}
      <div className="pe-layout">
        <Section title="Manifest" description={latest ? `Version ${latest.version} is the newest published (${formatDateTime(latest.publishedAt)}).` : undefined}>
          <div className="pe-toolbar">
            <Button variant="secondary" onClick={() => void loadLatest()} disabled={!latest}>
              Load the published version
            </Button>
            <label className="button button-secondary">
              Upload a YAML file
              <input className="visually-hidden" type="file" accept=".yaml,.yml,text/yaml,application/yaml" onChange={(e) => void upload(e)} />
            </label>
            <span className="muted small" role="status">
              {checking ? 'Checking…' : check ? (check.valid ? 'No problems.' : `${problems.length} problem${problems.length === 1 ? '' : 's'}.`) : ''}
            </span>
          </div>
          <div className="pe-editor">
            <LineGutter lineCount={yaml.split('\n').length} problems={problems} scrollTop={scrollTop} />
            <textarea
              ref={textRef}
              className="pe-text"
              aria-label="Manifest YAML"
              aria-describedby="pe-problems-heading"
              aria-invalid={check && !check.valid ? true : undefined}
              spellCheck={false}
              value={yaml}
              placeholder="Paste the manifest here, upload a file, or load the published version."
              onChange={(e) => edit(e.target.value)}
              onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
            />
          </div>
          <h3 id="pe-problems-heading" className="pe-heading">{problems.length > 0 ? 'Problems' : 'Checks'}</h3>
          {problems.length > 0 ? <ProblemList problems={problems} onGoTo={goToLine} /> : <p className="muted">{check?.valid ? 'The manifest is valid.' : 'Problems appear here as you type.'}</p>}
          {warnings.length > 0 ? (
            <>
              <h3 className="pe-heading">Warnings (they do not stop publishing)</h3>
              <ProblemList problems={warnings} onGoTo={goToLine} noun="warning" />
            </>
          ) : null}
          {unchanged ? (
            <Notice tone="info" title="Nothing to publish">
              <p>This manifest states exactly what the newest published version states.</p>
            </Notice>
          ) : check?.change ? (
            <Notice tone={significant ? 'warning' : 'info'} title={significant ? 'A significant change' : 'A minor change'}>
              {significant ? <p>Publishing e-mails every user a notice{check.change.reasons.length ? ', because it:' : '.'}</p> : <p>Publishing only moves the date; nobody is e-mailed.</p>}
              {check.change.reasons.length ? (
                <ul className="pe-changes">
                  {check.change.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : null}
              <p>What changes:</p>
              <ul className="pe-changes">
                {check.change.sentences.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <div className="form-actions">
            {significant && valid ? (
              <ConfirmButton label="Publish" confirmLabel="Publish and notify everyone" question="Every user will be e-mailed. Publish?" variant="secondary" busy={publishing} onConfirm={() => void publish()} />
            ) : (
              <Button onClick={() => void publish()} disabled={!valid} busy={publishing}>
                Publish
              </Button>
            )}
          </div>
        </Section>
        <Section title="Preview">
          {check?.preview ? <PolicyPreview html={check.preview.html} /> : <p className="muted">The policy appears here once the manifest is valid.</p>}
        </Section>
      </div>
    </Page>
  );
}
