// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IDBKeyRange } from 'fake-indexeddb';
import { useSyncExternalStore, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContractAction, Interview } from '../../../shared/domain';
import { ServiceSchema, type Service } from '../../../shared/services';
import type { Change } from '../../../shared/sync/messages';
import { InterviewDraftStore } from '../../../renderer/features/interview/draft-store';
import {
  ActionServices,
  LocalServicesPanel,
} from '../../../renderer/features/services/LocalServices';
import {
  applyPullPage,
  buildDemoServices,
  cachedServices,
  listServices,
  MIGRATIONS,
  openStorage,
  saveServices,
  seedDemoServicesIfEmpty,
  type StorageContext,
} from '../../../renderer/storage';
import { decisionFor } from '../../fixtures/interviews';
import { freshFactory, open, sampleInterview } from '../helpers';
import { servicesFor, WithServices } from './services-harness';

afterEach(cleanup);

function demo(id: string): Service {
  const found = buildDemoServices().find((s) => s.id === id);
  if (!found) throw new Error(`no demo service ${id}`);
  return ServiceSchema.parse(found);
}

const ELSEWHERE = {
  ...demo('demo-service-1'),
  id: 'pas-de-calais',
  nom: 'Garage solidaire du Pas-de-Calais',
  zone_eligibilite: ['62'],
};

function Harness({ store }: { store: InterviewDraftStore }) {
  const { interview } = useSyncExternalStore(store.subscribe, store.getSnapshot).doc;
  const append = (action: ContractAction) =>
    store.update((d) => ({
      ...d,
      interview: {
        ...d.interview,
        contract: { ...d.interview.contract, actions: [...d.interview.contract.actions, action] },
      },
    }));
  return (
    <LocalServicesPanel
      interview={interview}
      actions={interview.contract.actions}
      append={append}
      readOnly={false}
    />
  );
}

/** One action naming `serviceIds`, edited as on the contract page. */
function ActionHarness(props: { interview: Interview; serviceIds: string[] }) {
  const action = {
    id: 'a1',
    label: 'Action',
    dueDate: '2026-04-01',
    domain: 'mobility',
    serviceIds: props.serviceIds,
  };
  const { control, setValue } = useForm<Record<string, unknown>>({
    defaultValues: { actions: [action] },
  });
  return (
    <ActionServices
      control={control}
      setValue={setValue}
      index={0}
      interview={props.interview}
      readOnly={false}
    />
  );
}

/** An interview in Tourcoing with a heavy mobility barrier (the demo services answer it). */
function mobilityInterview(): Interview {
  const interview = sampleInterview();
  interview.identity.address = {
    street: '1 rue Fictive',
    postcode: '59200',
    city: 'Tourcoing',
    inseeCode: '59599',
  };
  for (const b of Object.values(interview.barriers)) b.severity = 'none';
  interview.barriers.mobility.severity = 'heavy';
  interview.attendance.beneficiary = 'present';
  interview.decision = decisionFor('equilibre', 'binome-pe-cd');
  return interview;
}

const pulled = (seq: number, change: Omit<Change, 'seq' | 'entityType'> & { payload: unknown }) =>
  ({ seq, entityType: 'service', ...change }) as Change;

/** The withdrawal of a demo service, as the server sends it. */
const withdrawal = (seq: number, id: string) =>
  pulled(seq, {
    entityId: `démo:${id}`,
    revision: 2,
    payload: { source: 'démo', id, withdrawn: true, withdrawnOn: '2026-03-01' },
  });

/** Stores `changes` as one page of a pull (the cursor does not matter here). */
const storePulled = (storage: StorageContext, changes: Change[]) =>
  applyPullPage(storage, { changes, nextCursor: 'c', hasMore: false }, { reset: false });

/** The services panel of `interview` on `storage`'s catalogue; returns the interview's store. */
function renderPanel(
  storage: StorageContext,
  interview: Interview,
  extra: ReactNode = null,
): InterviewDraftStore {
  const store = new InterviewDraftStore(
    { interview, formDrafts: {} },
    { save: () => new Promise(() => undefined), now: () => new Date().toISOString() },
  );
  render(
    <WithServices services={servicesFor(storage, '2026-03-02')}>
      <Harness store={store} />
      {extra}
    </WithServices>,
  );
  return store;
}

/** The texts of the mobility barrier's suggestions, once the panel shows them. */
async function mobilitySuggestions(): Promise<(string | null)[]> {
  const mobility = await screen.findByTestId('services-mobility');
  return within(mobility)
    .queryAllByRole('listitem')
    .map((li) => li.textContent);
}

describe('local services in the contract', () => {
  it('suggests the services of a mobility barrier in the person’s commune and sums the weekly hours', async () => {
    const storage = await open(freshFactory());
    await saveServices(storage, [...buildDemoServices(), ELSEWHERE]);
    const store = renderPanel(storage, mobilityInterview());

    // The commune's service first, then the département's; not the Pas-de-Calais one.
    expect(await mobilitySuggestions()).toEqual([
      expect.stringMatching(/^Démo — Location de vélos à 1 € — 2 h par semaine, dans la commune/),
      expect.stringMatching(
        /^Démo — Auto-école sociale — 6 h par semaine pendant 12 semaines, dans le département/,
      ),
    ]);
    expect(screen.queryByTestId('services-family')).toBeNull();

    fireEvent.click(
      screen.getByRole('button', { name: /Ajouter une action avec Démo — Auto-école/ }),
    );
    fireEvent.click(
      screen.getByRole('button', { name: /Ajouter une action avec Démo — Location/ }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('weekly-plan-summary').textContent).toBe(
        '8 h par semaine prévues pour un engagement de 15 h : il manque 7 h.',
      ),
    );
    expect(store.getSnapshot().doc.interview.contract.actions).toMatchObject([
      { label: 'Démo — Auto-école sociale', domain: 'mobility', serviceIds: ['demo-service-1'] },
      {
        label: 'Démo — Location de vélos à 1 €',
        domain: 'mobility',
        serviceIds: ['demo-service-2'],
      },
    ]);
  });

  it('stores pulled services in their own table, and moves those version 1 kept in meta', async () => {
    const factory = freshFactory();
    const v1 = await openStorage({
      indexedDB: factory,
      IDBKeyRange,
      migrations: MIGRATIONS.slice(0, 1),
    });
    await v1.db.meta.put({ key: 'sync:service:demo-service-1', value: demo('demo-service-1') });
    v1.db.close();

    const v2 = await open(factory);
    expect(await v2.db.meta.get('sync:service:demo-service-1')).toBeUndefined();
    await storePulled(v2, [
      pulled(1, { entityId: 'demo-service-2', revision: 1, payload: demo('demo-service-2') }),
    ]);
    const stored = await listServices(v2);
    expect(stored.invalid).toEqual([]);
    expect(stored.services.map((s) => s.id).sort()).toEqual(['demo-service-1', 'demo-service-2']);
  });

  it('keeps a withdrawn service for the actions that name it, says so, and no longer suggests it; back in the catalogue when it comes again', async () => {
    const storage = await open(freshFactory());
    await saveServices(storage, buildDemoServices());
    // demo-service-1 withdrawn; a withdrawal of a service never received stores nothing.
    await storePulled(storage, [withdrawal(1, 'demo-service-1'), withdrawal(2, 'jamais-recu')]);
    const stored = await listServices(storage);
    expect(stored.withdrawn).toEqual([
      { service: demo('demo-service-1'), withdrawnOn: '2026-03-01' },
    ]);
    expect(stored.services.map((s) => s.id)).not.toContain('demo-service-1');
    expect(await storage.db.services.get('jamais-recu')).toBeUndefined();

    const interview = mobilityInterview();
    renderPanel(
      storage,
      interview,
      <ActionHarness interview={interview} serviceIds={['demo-service-1']} />,
    );
    // Not suggested any more…
    expect(await mobilitySuggestions()).toEqual([
      expect.stringMatching(/^Démo — Location de vélos à 1 €/),
    ]);
    // …but the action that names it still shows how to reach it, and that it was withdrawn.
    const named = screen.getByRole('list', { name: 'Services de l’action 1' });
    expect(named.textContent).toMatch(/^Démo — Auto-école sociale/);
    expect(named.textContent).toContain(
      'retiré du catalogue du Département le 1er mars 2026 : vérifier qu’il est toujours proposé ou le remplacer',
    );

    await storePulled(storage, [
      pulled(3, { entityId: 'démo:demo-service-1', revision: 3, payload: demo('demo-service-1') }),
    ]);
    const again = await listServices(storage);
    expect(again.withdrawn).toEqual([]);
    expect(again.services.map((s) => s.id)).toContain('demo-service-1');
  });

  it('suggests a service open to the person’s intercommunalité once the EPCI and its communes are pulled', async () => {
    const inMel = {
      ...demo('demo-service-1'),
      id: 'mel-garage',
      nom: 'Garage solidaire de la métropole',
      zone_eligibilite: ['200093201'],
    };
    const suggestedIn = async (withEpci: boolean) => {
      const storage = await open(freshFactory());
      await saveServices(storage, [inMel]);
      if (withEpci) {
        await storePulled(storage, [
          {
            seq: 1,
            entityType: 'epci',
            entityId: '200093201',
            revision: 1,
            payload: {
              code: '200093201',
              nom: 'Métropole Européenne de Lille',
              communes: ['59350', '59512', '59599'],
            },
          },
        ]);
      }
      renderPanel(storage, mobilityInterview());
      const texts = await mobilitySuggestions();
      cleanup();
      return texts;
    };
    // Without the EPCI, the laptop cannot tell that Tourcoing (59599) is in it.
    expect(await suggestedIn(false)).toEqual([]);
    expect(await suggestedIn(true)).toEqual([
      expect.stringMatching(/^Garage solidaire de la métropole — .*, dans l’intercommunalité/),
    ]);
  });

  it('seeds the demo with a service open to the Métropole Européenne de Lille, suggested to a person of Tourcoing', async () => {
    const storage = await open(freshFactory());
    expect(await seedDemoServicesIfEmpty(storage)).toBe(true);
    expect((await listServices(storage)).epcis.map((e) => e.code)).toEqual(['200093201']);
    renderPanel(storage, mobilityInterview());
    expect(await mobilitySuggestions()).toContainEqual(
      expect.stringMatching(
        /^Démo — Garage solidaire de la métropole — .*, dans l’intercommunalité/,
      ),
    );
    expect(await seedDemoServicesIfEmpty(storage)).toBe(false);
  });

  it('reads the catalogue once for the contract’s components, and again after a pull changed it', async () => {
    const storage = await open(freshFactory());
    await saveServices(storage, buildDemoServices());
    const first = cachedServices(storage);
    expect(cachedServices(storage)).toBe(first);
    await storePulled(storage, []);
    expect(cachedServices(storage)).toBe(first);

    await storePulled(storage, [withdrawal(1, 'demo-service-2')]);
    const after = cachedServices(storage);
    expect(after).not.toBe(first);
    expect((await after).withdrawn.map((w) => w.service.id)).toEqual(['demo-service-2']);
    expect((await first).withdrawn).toEqual([]);
  });

  it('finds the commune of an address typed without its INSEE code from the communes pulled with the catalogue, and says when it cannot', async () => {
    const storage = await open(freshFactory());
    await seedDemoServicesIfEmpty(storage);
    const typed = (postcode: string, city: string) => {
      const interview = mobilityInterview();
      interview.identity.address = { street: '1 rue Fictive', postcode, city };
      return interview;
    };
    renderPanel(storage, typed('59200', 'Tourcoing'));
    expect(await mobilitySuggestions()).toContainEqual(
      expect.stringMatching(/^Démo — Location de vélos à 1 € — .*, dans la commune/),
    );
    expect(screen.getByTestId('services-commune').textContent).toContain(
      'Commune retenue pour les services : Tourcoing (code 59599)',
    );
    cleanup();

    renderPanel(storage, typed('62000', 'Arras'));
    await screen.findByTestId('services-mobility');
    expect(
      screen.getByText(/^Commune non reconnue d’après le code postal 62000 et « Arras »/),
    ).toBeTruthy();
    expect(screen.queryByText(/dans la commune/)).toBeNull();
    cleanup();

    // A laptop that holds no commune table yet (never synced its catalogue) says why.
    const bare = await open(freshFactory());
    await saveServices(bare, buildDemoServices());
    renderPanel(bare, typed('59200', 'Tourcoing'));
    await screen.findByTestId('services-mobility');
    expect(
      screen.getByText(/^La commune de la personne ne peut pas encore être reconnue/),
    ).toBeTruthy();
    expect(screen.queryByText(/^Commune non reconnue/)).toBeNull();
  });
});
