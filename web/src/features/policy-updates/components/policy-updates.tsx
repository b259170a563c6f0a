import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { StatusMessage } from '../../../components/alerts.js';
import { useAuth } from '../../../lib/auth.js';
import { policyUpdatesQuery, type ConsentAnswer, type ConsentPrompt } from '../api/policy-updates-api.js';
import { ConsentPromptPanel } from './consent-prompt-panel.js';
import { PolicyNoticeBanner } from './policy-notice-banner.js';

/** Consent questions and change notices from the privacy policy, above every page of a signed-in person. */
export function PolicyUpdates() {
  const { state } = useAuth();
  if (state.status !== 'signed-in') return null;
  // Keyed by the person, so a different account never sees the previous one's questions.
  return <PolicyUpdatesFor key={state.user.id} userId={state.user.id} />;
}

function PolicyUpdatesFor({ userId }: { userId: string }) {
  // Failing to load is not worth a message on every page: the e-mail already told the person.
  const updates = useQuery(policyUpdatesQuery(userId));
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<number>>(new Set());
  const [status, setStatus] = useState<string | null>(null);

  const prompts = (updates.data?.prompts ?? []).filter((p) => !answered.has(p.id));
  const notices = (updates.data?.notices ?? []).filter((n) => !acknowledged.has(n.version));
  const [prompt] = prompts;

  function onAnswered(done: ConsentPrompt, answer: ConsentAnswer) {
    const names = done.purposes.map((p) => p.name).join(', ');
    setAnswered((previous) => new Set(previous).add(done.id));
    setStatus(answer === 'accept' ? `Thank you. You agreed to: ${names}.` : `Understood. We will not use your data for: ${names}.`);
    // The panel is gone: without this, keyboard focus would fall back to the start of the document.
    if (prompts.length <= 1) document.getElementById('main')?.focus({ preventScroll: true });
  }

  function onAcknowledged(version: number) {
    setAcknowledged((previous) => new Set(previous).add(version));
    setStatus(null);
  }

  return (
    <div className="policy-updates">
      {/* One question at a time, oldest first: each needs its own answer. */}
      {prompt ? <ConsentPromptPanel key={prompt.id} prompt={prompt} onAnswered={onAnswered} /> : null}
      {notices.map((notice) => (
        <PolicyNoticeBanner key={notice.version} notice={notice} versions={updates.data?.versions ?? []} onAcknowledged={onAcknowledged} />
      ))}
      <StatusMessage>{status}</StatusMessage>
    </div>
  );
}
