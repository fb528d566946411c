/**
 * The locked session (docs/security.md "Data at rest"): the personal code opens the data key
 * again; repeated wrong codes make the next attempt wait (the wait survives a reload). A forgotten
 * code: the recovery code sets a new one; without it, the local data is erased and the laptop
 * enrolled again (synced data comes back from the server). UI contract used by the end-to-end
 * tests: heading « Session verrouillée », field « Code personnel », button « Déverrouiller »,
 * an alert containing « Code incorrect ».
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import { MIN_SECRET_LENGTH } from '../../security/key-wrapping';
import { isWellFormedRecoveryCode } from '../../security/recovery-code';
import type { LockReason, SecuritySession } from '../../security/session';
import {
  KeychainUnavailableError,
  ThrottledError,
  WrongPinError,
  type KeyEnvelope,
} from '../../security/vault';
import { checkNewPinPair, PinField } from './PinField';

const REASON_TEXT: Record<LockReason | 'start', string> = {
  start: 'Saisissez votre code personnel pour ouvrir les données de cet ordinateur.',
  idle: 'La session a été verrouillée après une période sans activité.',
  suspend: 'La session a été verrouillée à la mise en veille ou au verrouillage de l’ordinateur.',
  manual: 'La session a été verrouillée.',
};

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function failureText(error: unknown, what: 'code' | 'secours'): string {
  if (error instanceof WrongPinError) {
    const base =
      what === 'code' ? 'Code incorrect.' : 'Code de secours incorrect : rien n’a été modifié.';
    return error.waitMs > 0
      ? `${base} Nouvel essai possible dans ${seconds(error.waitMs)} secondes.`
      : base;
  }
  if (error instanceof ThrottledError) {
    return `Code incorrect saisi trop de fois : nouvel essai possible dans ${seconds(error.waitMs)} secondes.`;
  }
  if (error instanceof KeychainUnavailableError) {
    return `${error.userMessage} Sans le trousseau du système, utilisez le code de secours (« Code oublié ? »).`;
  }
  return `Le déverrouillage a échoué : ${error instanceof Error ? error.message : String(error)}`;
}

function useCountdown(session: SecuritySession, failure: unknown): number {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let cancelled = false;
    void session.throttleWait().then((ms) => {
      if (!cancelled) setUntil(Date.now() + ms);
    });
    return () => {
      cancelled = true;
    };
  }, [session, failure]);
  useEffect(() => {
    if (until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [until, now]);
  return Math.max(0, until - now);
}

function RecoveryForm({ session }: { session: SecuritySession }) {
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{
    code: string | null;
    pin: string | null;
    confirm: string | null;
  } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [wipeUnderstood, setWipeUnderstood] = useState(false);
  const [wipeFailure, setWipeFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const codeError = isWellFormedRecoveryCode(code)
      ? null
      : 'Le code de secours compte 20 caractères (5 groupes de 4).';
    const pinErrors = checkNewPinPair(pin, confirm, MIN_SECRET_LENGTH);
    const problems =
      codeError || pinErrors ? { code: codeError, pin: null, confirm: null, ...pinErrors } : null;
    setErrors(problems);
    if (problems) return;
    setBusy(true);
    setFailure(null);
    try {
      await session.recover(code, pin);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  const wipe = async () => {
    try {
      await session.eraseLocalData();
      window.location.reload();
    } catch (error) {
      setWipeFailure(
        `L’effacement a échoué : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  return (
    <Box component="section" aria-labelledby="forgotten-title" sx={{ mt: 3 }}>
      <Typography component="h2" variant="h2" id="forgotten-title" sx={{ mb: 1 }}>
        Code personnel oublié
      </Typography>
      <Typography sx={{ mb: 2 }}>
        Avec le code de secours remis à l’administrateur de votre service lors de la première
        utilisation, choisissez un nouveau code personnel : les données sont conservées.
      </Typography>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => void submit(e)}
        sx={{ display: 'grid', gap: 2 }}
      >
        <PinField
          id="recovery-code"
          label="Code de secours"
          value={code}
          onChange={setCode}
          error={errors?.code}
          autoComplete="off"
          visible
          disabled={busy}
        />
        <PinField
          id="recovery-new-pin"
          label="Nouveau code personnel"
          value={pin}
          onChange={setPin}
          error={errors?.pin}
          autoComplete="new-password"
          disabled={busy}
        />
        <PinField
          id="recovery-new-pin-confirm"
          label="Confirmer le nouveau code personnel"
          value={confirm}
          onChange={setConfirm}
          error={errors?.confirm}
          autoComplete="new-password"
          disabled={busy}
        />
        {failure !== null && (
          <Alert severity="error" role="alert">
            {failureText(failure, 'secours')}
          </Alert>
        )}
        <Box>
          <Button type="submit" variant="contained" disabled={busy}>
            Définir le nouveau code
          </Button>
        </Box>
      </Box>
      <Typography component="h3" variant="h3" sx={{ mt: 3, mb: 1 }}>
        Sans code de secours
      </Typography>
      <Typography sx={{ mb: 1 }}>
        Les données de cet ordinateur ne peuvent pas être ouvertes sans l’un des deux codes : c’est
        ce qui les protège. Effacez-les, puis créez un nouveau code ; les entretiens déjà
        synchronisés reviennent du serveur du Département après le nouvel enrôlement du poste. Les
        entretiens non synchronisés sont perdus.
      </Typography>
      <FormControlLabel
        control={
          <Checkbox
            checked={wipeUnderstood}
            onChange={(e) => setWipeUnderstood(e.target.checked)}
          />
        }
        label="J’ai compris que les entretiens non synchronisés de cet ordinateur seront perdus"
      />
      <Box>
        <Button
          color="error"
          variant="outlined"
          disabled={!wipeUnderstood}
          onClick={() => void wipe()}
        >
          Effacer les données de cet ordinateur
        </Button>
      </Box>
      {wipeFailure && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {wipeFailure}
        </Alert>
      )}
    </Box>
  );
}

export function UnlockPage(props: {
  session: SecuritySession;
  reason: LockReason | 'start';
  keychainRefusal: KeyEnvelope['keychainRefusal'];
}) {
  const { session } = props;
  const [pin, setPin] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [forgotten, setForgotten] = useState(false);
  const wait = useCountdown(session, failure);

  useEffect(() => {
    document.title = 'Session verrouillée — codiag';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pin === '' || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await session.unlock(pin);
    } catch (error) {
      setPin('');
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Box component="main" id="main" sx={{ maxWidth: 640, mx: 'auto', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography component="h1" variant="h1" sx={{ mb: 2 }}>
          Session verrouillée
        </Typography>
        <Typography sx={{ mb: 2 }}>{REASON_TEXT[props.reason]}</Typography>
        {props.keychainRefusal && (
          <Alert severity="info" sx={{ mb: 2 }}>
            Protection par le trousseau du système non utilisée : {props.keychainRefusal.message}
          </Alert>
        )}
        <Box
          component="form"
          noValidate
          onSubmit={(e) => void submit(e)}
          sx={{ display: 'grid', gap: 2 }}
        >
          <PinField
            id="unlock-pin"
            label="Code personnel"
            value={pin}
            onChange={setPin}
            autoComplete="current-password"
            autoFocus
            disabled={busy}
          />
          {failure !== null && (
            <Alert severity="error" role="alert">
              {failureText(failure, 'code')}
            </Alert>
          )}
          {failure === null && wait > 0 && (
            <Alert severity="warning" role="alert">
              Code incorrect saisi trop de fois : nouvel essai possible dans {seconds(wait)}{' '}
              secondes.
            </Alert>
          )}
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button type="submit" variant="contained" disabled={busy || wait > 0}>
              Déverrouiller
            </Button>
            {busy && (
              <Typography component="span" role="status">
                Vérification du code…
              </Typography>
            )}
            <Button
              variant="text"
              onClick={() => setForgotten((f) => !f)}
              aria-expanded={forgotten}
            >
              Code oublié ?
            </Button>
          </Box>
        </Box>
        {forgotten && <RecoveryForm session={session} />}
      </Paper>
    </Box>
  );
}
