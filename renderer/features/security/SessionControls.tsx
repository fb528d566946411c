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
import { MIN_SECRET_LENGTH } from '../../security/key-wrapping';
import { MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, type SecuritySession } from '../../security/session';
import { ThrottledError, WrongPinError } from '../../security/vault';
import { checkNewPinPair, PinField } from './PinField';
import { useSecuritySession } from './security-context';

function ChangePinForm({ session }: { session: SecuritySession }) {
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ pin: string | null; confirm: string | null } | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkNewPinPair(pin, confirm, MIN_SECRET_LENGTH);
    setErrors(problems);
    if (problems) return;
    setBusy(true);
    setOutcome(null);
    try {
      await session.changePin(current, pin);
      setOutcome({ ok: true, text: 'Le code personnel a été changé.' });
      setCurrent('');
      setPin('');
      setConfirm('');
    } catch (error) {
      setOutcome({
        ok: false,
        text:
          error instanceof WrongPinError
            ? 'Code incorrect : le code actuel saisi n’est pas le bon.'
            : error instanceof ThrottledError
              ? `Code incorrect saisi trop de fois : réessayez dans ${Math.ceil(error.waitMs / 1000)} secondes.`
              : `Le code n’a pas pu être changé : ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => void submit(e)}
      sx={{ display: 'grid', gap: 2 }}
    >
      <Typography component="h3" variant="h3">
        Changer le code personnel
      </Typography>
      <PinField
        id="change-current-pin"
        label="Code personnel actuel"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
        disabled={busy}
      />
      <PinField
        id="change-new-pin"
        label="Nouveau code personnel"
        value={pin}
        onChange={setPin}
        error={errors?.pin}
        autoComplete="new-password"
        disabled={busy}
      />
      <PinField
        id="change-new-pin-confirm"
        label="Confirmer le nouveau code personnel"
        value={confirm}
        onChange={setConfirm}
        error={errors?.confirm}
        autoComplete="new-password"
        disabled={busy}
      />
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </Alert>
      )}
      <Box>
        <Button type="submit" variant="outlined" disabled={busy}>
          Changer le code
        </Button>
      </Box>
    </Box>
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
