/**
 * The home screen (DOMAIN §1): today's and upcoming convocations with the delay since the opening
 * of rights (warning past the référentiel's deadline), search by name, interviews in progress and
 * closed ones waiting for the sync, and "Nouvel entretien" for a person without a convocation.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Beneficiary } from '../../../shared/domain';
import { daysBetween, formatFrenchDate } from '../../../shared/util/dates';
import { Loading } from '../../app/Loading';
import { hrefFor, navigate } from '../../app/router';
import { useServices } from '../../app/services';
import {
  listAgenda,
  listAgendaInterviews,
  listBeneficiaries,
  normalizeName,
  saveAgendaEntry,
  saveInterview,
  type AgendaEntry,
  type InterviewSummary,
  userMessageOf,
} from '../../storage';
import { NewInterviewDialog } from './NewInterviewDialog';
import { interviewFromConvocation } from './start-interview';

const PAGE = 50;
/**
 * A User Timing mark set when the agenda asks for its data: the renderer benchmark measures from
 * it to the list on screen (bench/renderer.bench.ts), and it shows in DevTools' performance panel.
 */
export const AGENDA_LOAD_MARK = 'codiag:agenda-load';
/** « Dernière modification »: the same text as `toLocaleString('fr-FR')`, one formatter for all rows. */
const LAST_CHANGE_FORMAT = new Intl.DateTimeFormat('fr-FR', {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
/** Most recent first. ISO timestamps order as plain strings (no collation needed). */
const byLatestChange = (a: InterviewSummary, b: InterviewSummary) =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;

interface AgendaData {
  convocations: AgendaEntry[];
  people: Map<string, Beneficiary>;
  interviews: InterviewSummary[];
}

/**
 * One list of the agenda: a titled section with its count, the first PAGE rows of its table and a
 * button for more. The table is labelled with the title unless `tableLabel` says otherwise.
 */
function ListSection<T>(props: {
  id: string;
  title: string;
  items: T[];
  empty: string;
  table: (items: T[], label: string) => ReactNode;
  tableLabel?: string;
}) {
  const [shown, setShown] = useState(PAGE);
  const { items } = props;
  return (
    <Paper component="section" aria-labelledby={props.id} variant="outlined" sx={{ p: 2, mb: 3 }}>
      <Typography component="h2" variant="h2" id={props.id} sx={{ mb: 1 }}>
        {props.title} ({items.length})
      </Typography>
      {items.length === 0 ? (
        <Typography>{props.empty}</Typography>
      ) : (
        <>
          {props.table(items.slice(0, shown), props.tableLabel ?? props.title)}
          {items.length > shown && (
            <Button onClick={() => setShown((n) => n + PAGE)} sx={{ mt: 1 }}>
              Afficher {Math.min(PAGE, items.length - shown)} de plus (sur {items.length})
            </Button>
          )}
        </>
      )}
    </Paper>
  );
}

export function AgendaPage() {
  const services = useServices();
  const { storage, referential } = services;
  const [data, setData] = useState<AgendaData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [dialogOpen, setDialogOpen] = useState(false);
  const today = services.today();

  const reload = useCallback(async () => {
    performance.mark(AGENDA_LOAD_MARK);
    try {
      const [convocations, people, interviews] = await Promise.all([
        listAgenda(storage),
        listBeneficiaries(storage),
        // Only what the agenda shows: drafts and closed ones waiting for the sync.
        listAgendaInterviews(storage),
      ]);
      setData({ convocations, people: new Map(people.map((p) => [p.id, p])), interviews });
    } catch (e) {
      console.error('agenda cannot be read', e);
      setError(userMessageOf(e));
    }
  }, [storage]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const start = useCallback(
    async (beneficiary: Beneficiary, convocation: AgendaEntry | null) => {
      const interview = interviewFromConvocation({
        id: services.newId(),
        beneficiary,
        declared: convocation?.declared ?? null,
        date: today,
        place: convocation?.place ?? '',
        now: services.now(),
      });
      await saveInterview(storage, { interview, formDrafts: {} });
      if (convocation) {
        await saveAgendaEntry(storage, {
          ...convocation,
          status: 'done',
          updatedAt: services.now(),
        });
      }
      navigate({ name: 'interview', id: interview.id });
    },
    [services, storage, today],
  );

  const filtered = useMemo(() => {
    if (!data) return null;
    const q = normalizeName(query);
    const matches = (first: string, last: string) =>
      q === '' ||
      normalizeName(`${first} ${last}`).includes(q) ||
      normalizeName(`${last} ${first}`).includes(q);
    const planned = data.convocations.filter((c) => {
      const p = data.people.get(c.beneficiaryId);
      return c.status === 'planned' && p !== undefined && matches(p.firstName, p.lastName);
    });
    const byDate = (c: AgendaEntry) => c.convocationAt.slice(0, 10);
    const interviews = data.interviews.filter((i) => matches(i.firstName, i.lastName));
    return {
      todays: planned.filter((c) => byDate(c) === today),
      upcoming: planned.filter((c) => byDate(c) > today),
      late: planned.filter((c) => byDate(c) < today),
      drafts: interviews.filter((i) => i.status === 'draft').sort(byLatestChange),
      unsynced: interviews.filter((i) => i.status === 'closed' && i.awaitingSync),
    };
  }, [data, query, today]);

  if (error) return <Alert severity="error">L’agenda ne peut pas être lu : {error}</Alert>;
  if (!data || !filtered) return <Loading label="Chargement de l’agenda…" />;

  const deadline = referential.deadlines.convocationDays;
  const convocationTable = (items: AgendaEntry[], caption: string) => (
    <Table size="small" aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Personne
          </TableCell>
          <TableCell component="th" scope="col">
            Convocation
          </TableCell>
          <TableCell component="th" scope="col">
            Depuis l’ouverture des droits
          </TableCell>
          <TableCell component="th" scope="col">
            Public
          </TableCell>
          <TableCell component="th" scope="col">
            Action
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((c) => {
          const p = data.people.get(c.beneficiaryId);
          if (!p) return null;
          const days = daysBetween(p.rsaRightsOpenedOn, c.convocationAt.slice(0, 10));
          const late = p.cohort === 'flux' && days > deadline;
          const name = `${p.lastName} ${p.firstName}`;
          return (
            <TableRow key={c.id}>
              <TableCell component="th" scope="row">
                {name}
              </TableCell>
              <TableCell>
                {formatFrenchDate(c.convocationAt.slice(0, 10))} à {c.convocationAt.slice(11, 16)}
              </TableCell>
              <TableCell>
                {days} jours
                {late && (
                  <Chip
                    sx={{ ml: 1 }}
                    color="warning"
                    size="small"
                    label={`au-delà de ${deadline} jours`}
                  />
                )}
              </TableCell>
              <TableCell>{p.cohort === 'flux' ? 'Flux' : 'Stock'}</TableCell>
              <TableCell>
                <Button
                  variant="contained"
                  size="small"
                  onClick={() => void start(p, c)}
                  aria-label={`Démarrer l’entretien de ${name}`}
                >
                  Démarrer
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
  const interviewTable = (items: InterviewSummary[], caption: string) => (
    <Table size="small" aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Personne
          </TableCell>
          <TableCell component="th" scope="col">
            Entretien du
          </TableCell>
          <TableCell component="th" scope="col">
            Dernière modification
          </TableCell>
          <TableCell component="th" scope="col">
            Action
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((i) => {
          const name = i.readError ? 'Entretien illisible' : `${i.lastName} ${i.firstName}`;
          return (
            <TableRow key={i.id}>
              <TableCell component="th" scope="row">
                {name}
                {i.version > 1 ? ` (version ${i.version})` : ''}
                {i.readError && <Typography sx={{ color: 'error.main' }}>{i.readError}</Typography>}
              </TableCell>
              <TableCell>{formatFrenchDate(i.date)}</TableCell>
              <TableCell>{LAST_CHANGE_FORMAT.format(new Date(i.updatedAt))}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  variant="outlined"
                  href={hrefFor({ name: 'interview', id: i.id })}
                  aria-label={`Ouvrir l’entretien de ${name}`}
                >
                  Ouvrir
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );

  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center', mb: 3 }}>
        <Typography component="h1" variant="h1" sx={{ flexGrow: 1 }}>
          Agenda du {formatFrenchDate(today)}
        </Typography>
        <TextField
          id="agenda-search"
          label="Rechercher une personne (nom ou prénom)"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          sx={{ minWidth: 320 }}
        />
        <Button variant="contained" onClick={() => setDialogOpen(true)}>
          Nouvel entretien
        </Button>
      </Box>
      <ListSection
        id="today-title"
        title="Convocations du jour"
        items={filtered.todays}
        empty="Aucune convocation aujourd’hui."
        table={convocationTable}
      />
      <ListSection
        id="drafts-title"
        title="Entretiens en cours"
        items={filtered.drafts}
        empty="Aucun entretien en cours."
        table={interviewTable}
      />
      <ListSection
        id="upcoming-title"
        title="Convocations à venir"
        items={filtered.upcoming}
        empty="Aucune convocation à venir."
        table={convocationTable}
      />
      {filtered.late.length > 0 && (
        <ListSection
          id="late-title"
          title="Convocations passées sans entretien"
          items={filtered.late}
          empty=""
          table={convocationTable}
        />
      )}
      <ListSection
        id="unsynced-title"
        title="Clôturés, en attente de synchronisation"
        items={filtered.unsynced}
        empty="Tout est synchronisé."
        table={interviewTable}
        tableLabel="Entretiens clôturés en attente de synchronisation"
      />
      <NewInterviewDialog
        open={dialogOpen}
        onClose={() => setDialogOpen(false)}
        onStart={(b) => start(b, null)}
      />
    </>
  );
}
