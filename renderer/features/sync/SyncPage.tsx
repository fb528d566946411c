/**
 * « Synchronisation » (issue 4): enrolment of this laptop, the last sync, what waits, the conflicts
 * to resolve (keep mine, keep theirs, keep both as versions), the rejections with their reason in
 * French, and how long acknowledged interviews stay on this laptop. Nothing waits silently.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useServices } from '../../app/services';
import {
  listConflictNotices,
  listOutboxItems,
  readRetentionDays,
  resolveConflict,
  resolveConflictNotice,
  setRetentionDays,
  type ConflictChoice,
  type NoticeItem,
  type OutboxItem,
} from '../../storage';
import {
  differingSections,
  formatDateTime,
  personName,
  rejectionInFrench,
  STATE_LABEL,
} from './labels';
import { useSync } from './sync-context';

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={props.id} variant="outlined" sx={{ p: 2, mb: 3 }}>
      <Typography component="h2" variant="h2" id={props.id} sx={{ mb: 1 }}>
        {props.title}
      </Typography>
      {props.children}
    </Paper>
  );
}

function EnrolForm() {
  const { state, enrol } = useSync();
  const [serverUrl, setServerUrl] = useState(state.transport?.serverUrl ?? '');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('Portable codiag');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await enrol({ serverUrl, code, deviceName });
    setBusy(false);
    setMessage(
      outcome.ok
        ? { ok: true, text: 'Poste enrôlé : vous pouvez synchroniser.' }
        : { ok: false, text: outcome.message },
    );
    if (outcome.ok) setCode('');
  };
  return (
    <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Stack spacing={2} sx={{ maxWidth: 520 }}>
        <TextField
          label="Adresse du serveur du département"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          placeholder="https://codiag.departement.fr"
          required
        />
        <TextField
          label="Code d’enrôlement"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          helperText="Code à usage unique donné par l’administrateur (ex. K7QM-2XHP-9RTA)"
          required
          autoComplete="off"
        />
        <TextField
          label="Nom du poste"
          value={deviceName}
          onChange={(e) => setDeviceName(e.target.value)}
          required
        />
        <Box>
          <Button type="submit" variant="contained" disabled={busy}>
            Enrôler ce poste
          </Button>
        </Box>
        {message && (
          <Alert severity={message.ok ? 'success' : 'error'} role="status">
            {message.text}
          </Alert>
        )}
      </Stack>
    </Box>
  );
}

function ChoiceButtons(props: {
  labels: Record<ConflictChoice, string>;
  onChoose: (choice: ConflictChoice) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', mt: 1 }}>
      {(['keep-mine', 'keep-theirs', 'keep-both'] as const).map((choice) => (
        <Button
          key={choice}
          variant="outlined"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void props.onChoose(choice).finally(() => setBusy(false));
          }}
        >
          {props.labels[choice]}
        </Button>
      ))}
    </Stack>
  );
}

function RetentionSetting() {
  const { storage } = useServices();
  const [days, setDays] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    void readRetentionDays(storage).then((d) => setDays(String(d)));
  }, [storage]);
  const valid = /^\d{1,4}$/.test(days) && Number(days) <= 3650;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <TextField
        label="Conservation après synchronisation (jours)"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={!valid}
        helperText={valid ? ' ' : 'Attendu : un nombre de jours entre 0 et 3650'}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <Button
        variant="outlined"
        disabled={!valid}
        onClick={() => {
          void setRetentionDays(storage, Number(days)).then(() => setSaved('Durée enregistrée.'));
        }}
      >
        Enregistrer la durée
      </Button>
      {saved && <Typography role="status">{saved}</Typography>}
    </Stack>
  );
}

export function SyncPage() {
  const services = useServices();
  const { storage } = services;
  const { state, syncNow, refresh } = useSync();
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [notices, setNotices] = useState<NoticeItem[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [outbox, pulledNotices] = await Promise.all([
        listOutboxItems(storage),
        listConflictNotices(storage),
      ]);
      setItems(outbox);
      setNotices(pulledNotices);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [storage]);
  useEffect(() => {
    document.title = 'Synchronisation — codiag';
    void reload();
  }, [reload, state.lastAttempt?.at, state.counts]);

  const resolve = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    await reload();
    await refresh();
  };

  const enrolled = state.transport?.enrolled === true;
  // Stays on screen once shown, so that the outcome of the enrolment remains readable.
  const [showEnrol, setShowEnrol] = useState(false);
  useEffect(() => {
    if (state.transport && (!state.transport.enrolled || state.needsEnrolment)) setShowEnrol(true);
  }, [state.transport, state.needsEnrolment]);
  const waiting = (items ?? []).filter((i) => i.state === 'pending' || i.state === 'sending');
  const conflicts = (items ?? []).filter((i) => i.state === 'conflict');
  const rejected = (items ?? []).filter((i) => i.state === 'rejected');
  const progress = state.progress;
  const attempt = state.lastAttempt;

  return (
    <>
      <Typography component="h1" variant="h1" sx={{ mb: 2 }}>
        Synchronisation
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}

      <Section id="sync-state" title="État">
        <Typography data-testid="sync-page-last">
          Dernière synchronisation réussie : {formatDateTime(state.lastSyncAt)}
        </Typography>
        {enrolled && (
          <Typography>
            Serveur : {state.transport?.serverUrl ?? 'inconnu'}
            {state.transport?.professional
              ? ` — ${state.transport.professional.name} (${state.transport.professional.territory})`
              : ''}
          </Typography>
        )}
        {attempt && attempt.outcome !== 'done' && attempt.message && (
          <Alert severity="warning" sx={{ my: 1 }} data-testid="sync-attempt">
            Dernière tentative ({formatDateTime(attempt.at)}) : {attempt.message}
          </Alert>
        )}
        {state.running && (
          <Box sx={{ my: 1 }} role="status">
            <LinearProgress aria-label="Synchronisation en cours" />
            {progress && (
              <Typography>
                {progress.sent} envoyé(s), {progress.acknowledged} reçu(s) par le serveur,{' '}
                {progress.remaining} restant(s), {progress.pulled} reçu(s) du serveur
              </Typography>
            )}
          </Box>
        )}
        <Button
          variant="contained"
          sx={{ mt: 1 }}
          disabled={!enrolled || state.running}
          onClick={() => void syncNow()}
        >
          Synchroniser maintenant
        </Button>
      </Section>

      {showEnrol && (
        <Section id="sync-enrol" title="Enrôler ce poste">
          {state.needsEnrolment && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              Le serveur ne reconnaît plus ce poste : demandez un nouveau code à l’administrateur.
            </Alert>
          )}
          <EnrolForm />
        </Section>
      )}

      <Section
        id="sync-conflicts"
        title={`Conflits à résoudre (${conflicts.length + notices.length})`}
      >
        {conflicts.length + notices.length === 0 && <Typography>Aucun conflit.</Typography>}
        <List>
          {conflicts.map((item) => (
            <ListItem key={item.seq} divider sx={{ display: 'block' }}>
              <Typography component="h3" sx={{ fontWeight: 700 }}>
                Entretien de {personName(item.mine)}
              </Typography>
              <Typography>
                Un autre poste a modifié cet entretien avant vous (version du serveur n°
                {item.currentRevision}).{' '}
                {item.mine && item.theirs
                  ? `Parties différentes : ${differingSections(item.mine, item.theirs).join(', ') || 'aucune visible'}.`
                  : item.readError}
              </Typography>
              <ChoiceButtons
                labels={{
                  'keep-mine': 'Garder ma version',
                  'keep-theirs': 'Garder la version du serveur',
                  'keep-both': 'Garder les deux versions',
                }}
                onChoose={(choice) =>
                  resolve(() => resolveConflict(storage, item.seq, choice, services.newId))
                }
              />
            </ListItem>
          ))}
          {notices.map((notice) => (
            <ListItem key={notice.conflictId} divider sx={{ display: 'block' }}>
              <Typography component="h3" sx={{ fontWeight: 700 }}>
                Entretien de {personName(notice.incoming)}
              </Typography>
              <Typography>
                Le poste « {notice.deviceName} » a envoyé une autre version de cet entretien ; le
                serveur a gardé la version actuelle (n° {notice.currentRevision}).
              </Typography>
              <ChoiceButtons
                labels={{
                  'keep-mine': 'Garder la version actuelle',
                  'keep-theirs': `Prendre la version de « ${notice.deviceName} »`,
                  'keep-both': 'Garder les deux versions',
                }}
                onChoose={(choice) =>
                  resolve(() =>
                    resolveConflictNotice(storage, notice.conflictId, choice, services.newId),
                  )
                }
              />
            </ListItem>
          ))}
        </List>
      </Section>

      <Section id="sync-rejected" title={`Refusés par le serveur (${rejected.length})`}>
        {rejected.length === 0 ? (
          <Typography>Aucun envoi refusé.</Typography>
        ) : (
          <>
            <Typography sx={{ mb: 1 }}>
              Ces envois sont conservés sur ce poste et sur le serveur ; ils ne sont jamais effacés.
              Montrez-les à l’administrateur.
            </Typography>
            <List>
              {rejected.map((item) => (
                <ListItem key={item.seq} divider sx={{ display: 'block' }}>
                  <Typography component="h3" sx={{ fontWeight: 700 }}>
                    Entretien de {personName(item.mine)} — refusé le{' '}
                    {formatDateTime(item.answeredAt)}
                  </Typography>
                  <ul>
                    {item.rejection.map((issue) => (
                      <li key={`${issue.path}:${issue.message}`}>{rejectionInFrench(issue)}</li>
                    ))}
                  </ul>
                </ListItem>
              ))}
            </List>
          </>
        )}
      </Section>

      <Section id="sync-waiting" title={`En attente (${waiting.length})`}>
        {items === null ? (
          <Typography>Chargement…</Typography>
        ) : waiting.length === 0 ? (
          <Typography>Rien n’attend : tout a été reçu par le serveur.</Typography>
        ) : (
          <List dense>
            {waiting.map((item) => (
              <ListItem key={item.seq}>
                {personName(item.mine)} — {STATE_LABEL[item.state]} (modifié le{' '}
                {formatDateTime(item.createdAt)})
              </ListItem>
            ))}
          </List>
        )}
      </Section>

      <Section id="sync-retention" title="Conservation sur ce poste">
        <Typography sx={{ mb: 2 }}>
          Les entretiens clôturés et reçus par le serveur sont effacés de ce poste après cette
          durée. Rien de ce que le serveur n’a pas reçu n’est jamais effacé.
        </Typography>
        <RetentionSetting />
      </Section>
    </>
  );
}
