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
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { isWellFormedRecoveryCode } from '../../security/recovery-code';
import type { LockReason, SecuritySession } from '../../security/session';
import {
  KeychainUnavailableError,
  ThrottledError,
  WrongPinError,
  type KeyEnvelope,
} from '../../security/vault';
import { PinField } from './PinField';
import { NewPinFields, PinForm, PinScreen, useNewPin, usePinSubmission } from './PinForm';

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
      if (cancelled) return;
      // Both from the same instant: a later `until` than the last tick would show a wait of a
      // few milliseconds (and disable the button) when there is none.
      const at = Date.now();
      setNow(at);
      setUntil(at + ms);
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
  const [codeError, setCodeError] = useState<string | null>(null);
  const newPin = useNewPin();
  const submission = usePinSubmission((error) => failureText(error, 'secours'));
  const [wipeUnderstood, setWipeUnderstood] = useState(false);
  const [wipeFailure, setWipeFailure] = useState<string | null>(null);

  const submit = () => {
    const codeProblem = isWellFormedRecoveryCode(code)
      ? null
      : 'Le code de secours compte 20 caractères (5 groupes de 4).';
    setCodeError(codeProblem);
    if (!newPin.check() || codeProblem) return;
    void submission.run(async () => {
      await session.recover(code, newPin.pin);
      return null;
    });
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
      <PinForm onSubmit={submit} submission={submission} submitLabel="Définir le nouveau code">
        <NewPinFields
          state={newPin}
          idPrefix="recovery-new"
          proof={{
            id: 'recovery-code',
            label: 'Code de secours',
            value: code,
            onChange: setCode,
            error: codeError,
            autoComplete: 'off',
            visible: true,
          }}
          disabled={submission.busy}
        />
      </PinForm>
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
  const submission = usePinSubmission((error) => failureText(error, 'code'));
  const [forgotten, setForgotten] = useState(false);
  const wait = useCountdown(session, submission.outcome);

  useEffect(() => {
    document.title = 'Session verrouillée — codiag';
  }, []);

  const submit = () => {
    if (pin === '' || submission.busy) return;
    void submission.run(async () => {
      try {
        await session.unlock(pin);
      } catch (error) {
        setPin('');
        throw error;
      }
      return null;
    });
  };

  return (
    <PinScreen title="Session verrouillée">
      <Typography sx={{ mb: 2 }}>{REASON_TEXT[props.reason]}</Typography>
      {props.keychainRefusal && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Protection par le trousseau du système non utilisée : {props.keychainRefusal.message}
        </Alert>
      )}
      <PinForm
        onSubmit={submit}
        submission={submission}
        submitLabel="Déverrouiller"
        submitDisabled={wait > 0}
        busyText="Vérification du code…"
        actions={
          <Button variant="text" onClick={() => setForgotten((f) => !f)} aria-expanded={forgotten}>
            Code oublié ?
          </Button>
        }
      >
        <PinField
          id="unlock-pin"
          label="Code personnel"
          value={pin}
          onChange={setPin}
          autoComplete="current-password"
          autoFocus
          disabled={submission.busy}
        />
        {submission.outcome === null && wait > 0 && (
          <Alert severity="warning" role="alert">
            Code incorrect saisi trop de fois : nouvel essai possible dans {seconds(wait)} secondes.
          </Alert>
        )}
      </PinForm>
      {forgotten && <RecoveryForm session={session} />}
    </PinScreen>
  );
}
