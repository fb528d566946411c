/**
 * Local services in the contract's actions (DOMAIN §3, §9), offline: for each barrier the person
 * has, the services of the stored data.inclusion catalogue whose thématiques answer it (the
 * référentiel's `serviceThemes`) and whose zone covers the person's commune (`suggestServices`);
 * the professionals add one to an action (`serviceIds`), and the weekly plan adds up the chosen
 * services' hours against the commitment of the decision (`weeklyPlan`).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import { z } from 'zod';
import { ContractActionSchema, type ContractAction, type Interview } from '../../../shared/domain';
import {
  commitmentHoursOf,
  epciLookupOf,
  findCommune,
  type CommuneFound,
  serviceContactLine,
  suggestServices,
  weeklyPlan,
  type Service,
  type ServiceSuggestion,
  type ServiceSuggestions,
  type ZoneMatch,
} from '../../../shared/services';
import { addDays, formatFrenchDate } from '../../../shared/util/dates';
import { useServices } from '../../app/services';
import { cachedServices, type StoredServices } from '../../storage';

// The contract's section form is typed loosely (one form per section): an action is parsed here
// for the two fields these components use, whatever else is half-typed in it.
const ActionServicesSchema = z.object({
  domain: ContractActionSchema.shape.domain,
  serviceIds: ContractActionSchema.shape.serviceIds,
});
type AnyControl = Control<Record<string, unknown>>;
type AnySetValue = UseFormSetValue<Record<string, unknown>>;

const ZONE_LABELS = {
  commune: 'dans la commune',
  epci: 'dans l’intercommunalité',
  departement: 'dans le département',
  france: 'partout en France',
  unspecified: 'zone non précisée',
} as const satisfies Record<ZoneMatch, string>;

/** The stored catalogue (read again after a sync changed it, see `cachedServices`). */
export function useServiceCatalogue(): StoredServices | null {
  const { storage } = useServices();
  const [catalogue, setCatalogue] = useState<StoredServices | null>(null);
  useEffect(() => {
    let cancelled = false;
    cachedServices(storage).then(
      (c) => !cancelled && setCatalogue(c),
      () =>
        !cancelled &&
        setCatalogue({ services: [], withdrawn: [], epcis: [], communeTables: [], invalid: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [storage]);
  return catalogue;
}

/**
 * Every stored service by id, withdrawn ones included: an action that names a service shows how
 * to reach it even after the département withdrew it.
 */
export function servicesById(catalogue: StoredServices | null): Map<string, Service> {
  if (!catalogue) return new Map();
  return new Map([
    ...catalogue.services.map((s) => [s.id, s] as const),
    ...catalogue.withdrawn.map((w) => [w.service.id, w.service] as const),
  ]);
}

export function useServiceSuggestions(interview: Interview): {
  suggestions: ServiceSuggestions | null;
  byId: Map<string, Service>;
  /** The day each withdrawn service left the catalogue. */
  withdrawnOn: Map<string, string>;
  /** The person's commune: from the address, or found from its postcode and name. */
  commune: CommuneFound | null;
  /** Whether this laptop holds any commune table to look the address up in. */
  hasCommuneTables: boolean;
} {
  const { referential } = useServices();
  const catalogue = useServiceCatalogue();
  const known = useMemo(
    () => ({
      byId: servicesById(catalogue),
      withdrawnOn: new Map(catalogue?.withdrawn.map((w) => [w.service.id, w.withdrawnOn])),
      epciOf: epciLookupOf(catalogue?.epcis ?? []),
    }),
    [catalogue],
  );
  const address = interview.identity.address;
  const commune = useMemo(
    () => findCommune(address, catalogue?.communeTables ?? []),
    [address, catalogue],
  );
  const suggestions = useMemo(
    () =>
      catalogue
        ? suggestServices(catalogue.services, interview, referential, {
            epciOf: known.epciOf,
            communeCode: commune?.code ?? null,
          })
        : null,
    [catalogue, interview, referential, known, commune],
  );
  return {
    suggestions,
    byId: known.byId,
    withdrawnOn: known.withdrawnOn,
    commune,
    hasCommuneTables: (catalogue?.communeTables.length ?? 0) > 0,
  };
}

function hoursText(service: Service): string {
  if (service.volume_horaire_hebdomadaire === null) return 'heures non précisées';
  const weeks =
    service.nombre_semaines === null ? '' : ` pendant ${service.nombre_semaines} semaines`;
  return `${service.volume_horaire_hebdomadaire} h par semaine${weeks}`;
}

/** The services of one action, and the suggestions for its domain. Under each action row. */
export function ActionServices(props: {
  control: AnyControl;
  setValue: AnySetValue;
  index: number;
  interview: Interview;
  readOnly: boolean;
}) {
  const { index } = props;
  const watched: unknown = useWatch({ control: props.control, name: `actions.${index}` });
  const { suggestions, byId, withdrawnOn } = useServiceSuggestions(props.interview);
  const parsed = ActionServicesSchema.safeParse(watched);
  if (!parsed.success) return null;
  const action = parsed.data;
  const ids = action.serviceIds;
  const domain = suggestions?.domains.find((d) => d.domain === action.domain);
  const proposals = (domain?.services ?? []).filter((s) => !ids.includes(s.service.id));
  const setValue: (name: string, value: unknown, options: { shouldDirty: boolean }) => void =
    props.setValue;
  const setIds = (next: string[]) =>
    setValue(`actions.${index}.serviceIds`, next, { shouldDirty: true });
  if (ids.length === 0 && proposals.length === 0) return null;
  return (
    <Box
      sx={{ gridColumn: '1 / -1', pl: { md: 2 }, borderLeft: { md: 3 }, borderColor: 'divider' }}
    >
      {ids.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 2 }} aria-label={`Services de l’action ${index + 1}`}>
          {ids.map((id) => {
            const service = byId.get(id);
            const withdrawn = withdrawnOn.get(id);
            return (
              <li key={id}>
                {service
                  ? `${serviceContactLine(service)} — ${hoursText(service)}`
                  : `Service ${id} (hors catalogue)`}
                {withdrawn && (
                  <Typography component="strong" className="no-print" sx={{ fontWeight: 700 }}>
                    {` — retiré du catalogue du Département le ${formatFrenchDate(withdrawn)} : vérifier qu’il est toujours proposé ou le remplacer`}
                  </Typography>
                )}
                {!props.readOnly && (
                  <Button
                    size="small"
                    className="no-print"
                    onClick={() => setIds(ids.filter((i) => i !== id))}
                    aria-label={`Retirer ${service?.nom ?? id} de l’action ${index + 1}`}
                  >
                    Retirer
                  </Button>
                )}
              </li>
            );
          })}
        </Box>
      )}
      {!props.readOnly && proposals.length > 0 && (
        <Box className="no-print">
          <Typography variant="body2">Services proposés pour cette action :</Typography>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {proposals.map((s) => (
              <li key={s.service.id}>
                {s.service.nom} — {hoursText(s.service)}, {ZONE_LABELS[s.zone]}
                <Button
                  size="small"
                  onClick={() => setIds([...ids, s.service.id])}
                  aria-label={`Ajouter ${s.service.nom} à l’action ${index + 1}`}
                >
                  Ajouter
                </Button>
              </li>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}

function SuggestionItem(props: { suggestion: ServiceSuggestion; onAdd: (() => void) | null }) {
  const { service } = props.suggestion;
  return (
    <li>
      <Typography component="span" sx={{ fontWeight: 700 }}>
        {service.nom}
      </Typography>{' '}
      — {hoursText(service)}, {ZONE_LABELS[props.suggestion.zone]}
      {service.commune ? ` (${service.commune})` : ''}
      {service.telephone ? `, tél. ${service.telephone}` : ''}
      {props.onAdd && (
        <Button
          size="small"
          className="no-print"
          onClick={props.onAdd}
          aria-label={`Ajouter une action avec ${service.nom}`}
        >
          Ajouter une action avec ce service
        </Button>
      )}
    </li>
  );
}

/**
 * The suggestions by barrier and the weekly plan, below the actions. `append` adds an action with
 * the service (null while the proposed actions are not edited yet: suggestions are shown only).
 */
export function LocalServicesPanel(props: {
  interview: Interview;
  actions: readonly ContractAction[];
  append: ((action: ContractAction) => void) | null;
  readOnly: boolean;
}) {
  const services = useServices();
  const { suggestions, byId, commune, hasCommuneTables } = useServiceSuggestions(props.interview);
  const decision = props.interview.decision;
  const address = props.interview.identity.address;
  const chosenIds = [...new Set(props.actions.flatMap((a) => a.serviceIds))];
  const chosen = chosenIds.flatMap((id) => {
    const s = byId.get(id);
    return s ? [s] : [];
  });
  const plan = decision ? weeklyPlan(chosen, commitmentHoursOf(decision.weeklyHours)) : null;
  if (!suggestions) return null;
  const planText = plan
    ? `${plan.totalHours} h par semaine prévues pour un engagement de ${plan.commitmentHours} h : ${
        plan.status === 'met'
          ? 'l’engagement est atteint'
          : plan.status === 'below'
            ? `il manque ${Math.abs(plan.gapHours)} h`
            : `${plan.gapHours} h de plus que l’engagement`
      }.`
    : '';
  return (
    <Box component="section" aria-labelledby="local-services-title" sx={{ mt: 3 }}>
      <Typography component="h3" variant="h3" id="local-services-title">
        Services locaux proposés
      </Typography>
      {!suggestions.mappingAvailable && (
        <Alert severity="info">Le référentiel ne relie pas les freins aux services.</Alert>
      )}
      {!address && (
        <Typography>
          Adresse de la personne non renseignée : seuls les services nationaux sont proposés.
        </Typography>
      )}
      {address && !commune && !hasCommuneTables && (
        <Typography>
          La commune de la personne ne peut pas encore être reconnue sur cet ordinateur : la liste
          des communes arrive avec le catalogue des services, à la synchronisation. Seuls les
          services nationaux sont proposés.
        </Typography>
      )}
      {address && !commune && hasCommuneTables && (
        <Typography>
          Commune non reconnue d’après le code postal {address.postcode} et « {address.city} » :
          seuls les services nationaux sont proposés. Vérifiez l’adresse dans « Identité et
          situation ».
        </Typography>
      )}
      {commune && commune.by !== 'address' && (
        <Typography data-testid="services-commune">
          Commune retenue pour les services : {commune.nom} (code {commune.code}), d’après le code
          postal et la commune saisis.
        </Typography>
      )}
      {suggestions.domains.length === 0 ? (
        <Typography>Aucun frein déclaré : pas de service à proposer.</Typography>
      ) : (
        suggestions.domains.map((d) => (
          <Box key={d.domain} sx={{ mt: 1 }} data-testid={`services-${d.domain}`}>
            <Typography component="h4" sx={{ fontWeight: 700 }}>
              {d.label} ({d.severity === 'heavy' ? 'frein important' : 'frein léger'})
            </Typography>
            {d.services.length === 0 ? (
              <Typography>Aucun service du catalogue pour ce frein et cette commune.</Typography>
            ) : (
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {d.services.map((s) => (
                  <SuggestionItem
                    key={s.service.id}
                    suggestion={s}
                    onAdd={
                      props.append && !props.readOnly
                        ? () =>
                            props.append?.({
                              id: services.newId(),
                              label: s.service.nom,
                              dueDate: addDays(services.today(), 14),
                              domain: d.domain,
                              serviceIds: [s.service.id],
                            })
                        : null
                    }
                  />
                ))}
              </Box>
            )}
          </Box>
        ))
      )}
      {plan && (
        <Box sx={{ mt: 2 }} data-testid="weekly-plan">
          <Typography component="h4" sx={{ fontWeight: 700 }} id="weekly-plan-title">
            Plan de la semaine
          </Typography>
          <Typography data-testid="weekly-plan-summary">{planText}</Typography>
          <LinearProgress
            variant="determinate"
            aria-labelledby="weekly-plan-title"
            aria-valuetext={planText}
            value={
              plan.commitmentHours === 0
                ? 100
                : Math.min(100, (100 * plan.totalHours) / plan.commitmentHours)
            }
            sx={{ height: 12, borderRadius: 1, my: 1, maxWidth: 480 }}
            color={plan.status === 'below' ? 'warning' : 'success'}
          />
          {plan.withoutHours.length > 0 && (
            <Typography>
              Heures à demander pour :{' '}
              {plan.withoutHours.map((id) => byId.get(id)?.nom ?? id).join(', ')}.
            </Typography>
          )}
          {plan.byWeek.length > 0 && plan.byWeek.some((w) => w.hours !== plan.totalHours) && (
            <Typography>
              Certains services durent un nombre limité de semaines : dernière semaine{' '}
              {plan.byWeek.at(-1)?.week}, {plan.byWeek.at(-1)?.hours} h.
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
