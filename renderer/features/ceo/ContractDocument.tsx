/**
 * The contract (CEO) laid out from the shared draft (DOMAIN §3): for the professionals, or in
 * large type for the beneficiary; its print stylesheet puts it on A4.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { CeoDraft } from '../../../shared/ceo';
import type { ContractAction } from '../../../shared/domain';
import { serviceContactLine, type Service } from '../../../shared/services';
import { formatFrenchDate } from '../../../shared/util/dates';

function Part(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mb: 2.5, breakInside: 'avoid' }}>
      <Typography
        component="h2"
        sx={{ fontSize: '1.15em', fontWeight: 700, mb: 0.5, borderBottom: '2px solid #1d4e89' }}
      >
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

const List = ({ items }: { items: ReactNode[] }) => (
  <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
    {items.map((item, i) => (
      <li key={i}>{item}</li>
    ))}
  </Box>
);

/** An action, its date, and how to reach the services chosen for it. */
function ActionItem(props: { action: ContractAction; services: ReadonlyMap<string, Service> }) {
  const { action } = props;
  return (
    <>
      {action.label} — avant le {formatFrenchDate(action.dueDate)}
      {action.serviceIds.length > 0 && (
        <Box component="ul" sx={{ my: 0.25, pl: 3 }}>
          {action.serviceIds.map((id) => {
            const service = props.services.get(id);
            return (
              <li key={id}>
                Avec :{' '}
                {service
                  ? serviceContactLine(service)
                  : `le service ${id} (ses coordonnées ne sont pas sur cet ordinateur)`}
              </li>
            );
          })}
        </Box>
      )}
    </>
  );
}

const NO_SERVICES: ReadonlyMap<string, Service> = new Map();

export function ContractDocument(props: {
  draft: CeoDraft;
  large?: boolean;
  actionsSlot?: ReactNode;
  signatures?: ReactNode;
  /** The stored catalogue, to print how to reach the services of the actions. */
  services?: ReadonlyMap<string, Service>;
}) {
  const { draft, large } = props;
  const b = draft.beneficiary;
  const p = draft.parcours;
  return (
    <Box
      component="article"
      className="contract-document"
      aria-labelledby="contract-title"
      sx={{
        fontSize: large ? '1.375rem' : '1rem',
        lineHeight: 1.6,
        '& p, & li': { fontSize: 'inherit' },
      }}
    >
      <Typography component="h1" id="contract-title" sx={{ fontSize: '1.5em', fontWeight: 700 }}>
        {large
          ? 'Votre contrat d’engagement'
          : 'Contrat d’engagement réciproque — contrat préalable'}
      </Typography>
      <p>
        Fait le {formatFrenchDate(draft.date)}
        {draft.place ? ` à ${draft.place}` : ''}
      </p>
      <Part title={large ? 'Les personnes' : 'Les parties'}>
        <List
          items={[
            `${large ? 'Vous' : 'Bénéficiaire'} : ${b.firstName} ${b.lastName}, né(e) le ${formatFrenchDate(b.birthDate)}`,
            `${draft.peAdvisor.roleLabel} : ${draft.peAdvisor.name}`,
            `${draft.cdProfessional.roleLabel} : ${draft.cdProfessional.name}`,
          ]}
        />
      </Part>
      <Part title="Votre accompagnement">
        <List
          items={[
            <span key="d">
              <strong>{draft.dominante.label}</strong> ({draft.dominante.nationalParcours}) :{' '}
              {draft.dominante.description}
            </span>,
            `Votre référent unique : ${draft.referent.structureLabel}${draft.referent.name ? ` — ${draft.referent.name}` : ''}`,
            `Durée : ${p.durationMonths} mois, du ${formatFrenchDate(p.startDate)} au ${formatFrenchDate(p.endDate)}`,
            ...(p.renewalMonths > 0
              ? [
                  `Renouvelable ${p.renewalMonths} mois (au plus tard jusqu’au ${formatFrenchDate(p.latestEndIfRenewed)})`,
                ]
              : []),
            `${p.reviewLabel} : le ${formatFrenchDate(p.reviewDate)}`,
            `Rendez-vous : ${p.interviewFrequency}`,
            ...(p.followUpInEmployment ? [p.followUpInEmployment] : []),
            ...(draft.orientation.overridden
              ? [
                  `Orientation décidée par les professionnels : ${draft.orientation.justification ?? ''}`,
                ]
              : []),
          ]}
        />
      </Part>
      <Part title="Votre temps d’activité chaque semaine">
        <p data-testid="contract-hours">{draft.weeklyCommitment.summary}</p>
        {draft.weeklyCommitment.motiveLabel && (
          <p>
            Motif : {draft.weeklyCommitment.motiveLabel}
            {draft.weeklyCommitment.detail ? ` — ${draft.weeklyCommitment.detail}` : ''}
          </p>
        )}
        {draft.weeklyCommitment.schedule.length > 0 && (
          <List
            items={draft.weeklyCommitment.schedule.map(
              (s) => `Semaine ${s.week} : ${String(s.hours).replace('.', ',')} h`,
            )}
          />
        )}
      </Part>
      <Part title="Les premières actions">
        {props.actionsSlot ?? (
          <List
            items={
              draft.actions.length === 0
                ? ['Aucune action n’est encore prévue.']
                : draft.actions.map((a) => (
                    <ActionItem action={a} services={props.services ?? NO_SERVICES} />
                  ))
            }
          />
        )}
      </Part>
      <Part title="Vos engagements">
        <List items={draft.commitments.beneficiary} />
      </Part>
      <Part title="Les engagements de France Travail">
        <List items={draft.commitments.franceTravail} />
      </Part>
      <Part title="Les engagements du Département">
        <List items={draft.commitments.departement} />
      </Part>
      <Part title="Si les engagements ne sont pas respectés">
        <List items={[...draft.consequences, draft.rightToContest]} />
      </Part>
      <Part title="Vos choix">
        <List items={[...draft.consent, draft.evaluationNotice]} />
      </Part>
      {props.signatures && <Part title="Signatures">{props.signatures}</Part>}
      <Typography sx={{ fontSize: '0.8em', color: 'text.secondary' }}>
        Référentiel {draft.referential.id} version {draft.referential.version} (empreinte{' '}
        {draft.referential.contentHash.slice(0, 12)})
      </Typography>
    </Box>
  );
}
