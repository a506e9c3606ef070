import { useEffect, useState } from 'react';
import type { ExportedProfile } from '../../../shared/domain';
import { fetchModelCard } from '../../actions/exports';
import { Card } from '../../components/Card';
import { Spinner } from '../../components/Spinner';
import { Markdown } from './Markdown';

/** The model card (model-card.md) of one exported profile, rendered; a picker switches profiles. */
export function ModelCardCard({ runId, profiles }: { runId: string; profiles: ExportedProfile[] }) {
  const [profile, setProfile] = useState(profiles[0]?.name ?? '');
  const [card, setCard] = useState<{ profile: string; markdown: string | null } | null>(null);
  useEffect(() => {
    if (!profile) return;
    let live = true;
    void fetchModelCard(runId, profile).then((markdown) => live && setCard({ profile, markdown }));
    return () => {
      live = false;
    };
  }, [runId, profile]);

  if (profiles.length === 0) return null;
  const current = card?.profile === profile ? card : null;
  return (
    <Card
      title="Model card"
      subtitle="model-card.md of the chosen profile"
      testId="model-card-card"
      actions={
        <select value={profile} onChange={(e) => setProfile(e.target.value)} aria-label="Profile" data-testid="model-card-profile">
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      }
    >
      {!current ? (
        <div className="pad">
          <Spinner label="Loading the model card…" />
        </div>
      ) : current.markdown === null ? (
        <p className="muted pad">The model card could not be read (was the run's folder moved?).</p>
      ) : (
        <div className="markdown-scroll">
          <Markdown source={current.markdown} testId="model-card" />
        </div>
      )}
    </Card>
  );
}
