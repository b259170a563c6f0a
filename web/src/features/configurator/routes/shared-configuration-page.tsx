import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { loadError } from '../../../lib/query.js';
import { sharedQuery } from '../api/configurator-api.js';
import { ChoiceSummary } from '../components/choices.js';
import { formatMoney } from '../../../lib/format.js';
import { Workbench } from '../components/workbench.js';

/** What a share link opens, for anyone: the configuration in 3D with its choices and price, read-only. */
export function SharedConfigurationPage({ token }: { token: string }) {
  const shared = useQuery(sharedQuery(token));
  if (shared.isPending) return <Loading label="Loading the configuration…" />;
  if (!shared.data) {
    return (
      <Page title="Shared configuration">
        <FormAlert message={loadError(shared)} />
      </Page>
    );
  }
  const { configuration, product } = shared.data;
  return (
    <Page title={configuration.name} intro={`A configuration of ${product.name}, shared with you.`} width="wide">
      <Workbench product={product} selections={configuration.selections} source={{ kind: 'shared', token }}>
        <Section title="Choices">
          <ChoiceSummary product={product} selections={configuration.selections} />
        </Section>
        <p className="price" data-price-cents={configuration.priceCents}>
          <span className="muted">Price per item when saved</span> <strong>{formatMoney(configuration.priceCents, configuration.currency)}</strong>
        </p>
      </Workbench>
    </Page>
  );
}
