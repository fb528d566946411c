/**
 * The header's session controls: « Verrouiller » (locks at once) and « Sécurité » (change the
 * personal code, the idle delay before locking, the state of the OS keychain protection).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, type SecuritySession } from '../../security/session';
import { ThrottledError, WrongPinError } from '../../security/vault';
import { NewPinFields, PinForm, useNewPin, usePinSubmission } from './PinForm';
import { useSecuritySession } from './security-context';

function describeChangeFailure(error: unknown): string {
  if (error instanceof WrongPinError) {
    return 'Code incorrect : le code actuel saisi n’est pas le bon.';
  }
  if (error instanceof ThrottledError) {
    return `Code incorrect saisi trop de fois : réessayez dans ${Math.ceil(error.waitMs / 1000)} secondes.`;
  }
  return `Le code n’a pas pu être changé : ${error instanceof Error ? error.message : String(error)}`;
}

function ChangePinForm({ session }: { session: SecuritySession }) {
  const [current, setCurrent] = useState('');
  const newPin = useNewPin();
  const submission = usePinSubmission(describeChangeFailure);

  const submit = () => {
    if (!newPin.check()) return;
    void submission.run(async () => {
      await session.changePin(current, newPin.pin);
      setCurrent('');
      newPin.clear();
      return 'Le code personnel a été changé.';
    });
  };

  return (
    <PinForm
      onSubmit={submit}
      submission={submission}
      submitLabel="Changer le code"
      submitVariant="outlined"
    >
      <Typography component="h3" variant="h3">
        Changer le code personnel
      </Typography>
      <NewPinFields
        state={newPin}
        idPrefix="change-new"
        proof={{
          id: 'change-current-pin',
          label: 'Code personnel actuel',
          value: current,
          onChange: setCurrent,
          autoComplete: 'current-password',
        }}
        disabled={submission.busy}
      />
    </PinForm>
  );
}

function IdleDelayForm({ session }: { session: SecuritySession }) {
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void session.idleLockMs().then((ms) => setMinutes(String(Math.round(ms / 60_000))));
  }, [session]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < MIN_IDLE_MINUTES || value > MAX_IDLE_MINUTES) {
      setOutcome({
        ok: false,
        text: `Indiquez un nombre entier de minutes entre ${MIN_IDLE_MINUTES} et ${MAX_IDLE_MINUTES}.`,
      });
      return;
    }
    await session.setIdleLockMinutes(value);
    setOutcome({ ok: true, text: `Verrouillage après ${value} minutes sans activité.` });
  };
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      sx={{ display: 'grid', gap: 2 }}
    >
      <Typography component="h3" variant="h3">
        Verrouillage automatique
      </Typography>
      <TextField
        id="idle-minutes"
        label="Verrouiller après (minutes sans activité)"
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </Alert>
      )}
      <Box>
        <Button type="submit" variant="outlined">
          Enregistrer le délai
        </Button>
      </Box>
    </Box>
  );
}

export function SessionControls() {
  const session = useSecuritySession();
  const [open, setOpen] = useState(false);
  if (!session) return null;
  const refusal = session.keychainRefusal();
  return (
    <>
      <Button color="inherit" variant="outlined" onClick={() => setOpen(true)}>
        Sécurité
      </Button>
      <Button color="inherit" variant="outlined" onClick={() => void session.lock('manual')}>
        Verrouiller
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="security-title" fullWidth>
        <DialogTitle id="security-title">Sécurité de cet ordinateur</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 3 }}>
          <Typography>
            Les données des personnes sont chiffrées sur cet ordinateur.{' '}
            {refusal
              ? `La clé est protégée par votre code personnel seul : ${refusal.message}`
              : 'La clé est protégée par votre code personnel (et, dans l’application de bureau, par le trousseau du système).'}
          </Typography>
          <IdleDelayForm session={session} />
          <ChangePinForm session={session} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Fermer</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
