// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCeoDraft } from '../../../shared/ceo';
import { NORD_2023 } from '../../../shared/referential';
import { ServiceSchema } from '../../../shared/services';
import { ContractDocument } from '../../../renderer/features/ceo/ContractDocument';
import { baseInterview, decisionFor } from '../../fixtures/interviews';
import { serviceInput } from '../../shared/services/fixtures';

afterEach(cleanup);

function draftWithServices(serviceIds: string[]) {
  const interview = baseInterview();
  interview.contract.actions = [
    {
      id: 'action-1',
      label: 'Préparer le code de la route',
      dueDate: '2026-04-15',
      domain: 'mobility',
      serviceIds,
    },
  ];
  let n = 0;
  return buildCeoDraft(interview, decisionFor('emploi', 'pe-conseiller'), NORD_2023, {
    now: '2026-03-02T10:30:00+01:00',
    newId: () => `id-${++n}`,
  });
}

const autoEcole = ServiceSchema.parse(
  serviceInput({
    id: 'test--auto-ecole',
    nom: 'Auto-école sociale fictive',
    adresse: '3 place des Essais',
    code_postal: '59200',
    commune: 'Tourcoing',
    telephone: '03 00 00 00 01',
  }),
);

describe('ContractDocument, the actions for the person', () => {
  it('prints how to reach each service of an action, and says when it is not in the catalogue', () => {
    render(
      <ContractDocument
        draft={draftWithServices([autoEcole.id, 'test--inconnu'])}
        large
        services={new Map([[autoEcole.id, autoEcole]])}
      />,
    );
    const action = screen.getByText(/Préparer le code de la route/).closest('li');
    expect(action?.textContent).toContain('avant le 15 avril 2026');
    expect(action?.textContent).toContain(
      'Avec : Auto-école sociale fictive — 3 place des Essais, 59200 Tourcoing — tél. 03 00 00 00 01',
    );
    expect(action?.textContent).toContain(
      'Avec : le service test--inconnu (ses coordonnées ne sont pas sur cet ordinateur)',
    );
  });

  it('prints an action without services as its label and date only', () => {
    render(<ContractDocument draft={draftWithServices([])} />);
    const action = screen.getByText(/Préparer le code de la route/).closest('li');
    expect(action?.textContent).toBe('Préparer le code de la route — avant le 15 avril 2026');
  });
});
