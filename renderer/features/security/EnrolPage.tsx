/**
 * First run (docs/security.md "Data at rest"): the professional chooses the personal code that
 * protects the data key, and notes the recovery code shown here once (to hand to the service's
 * administrator). UI contract used by the end-to-end tests: heading « Protéger les données de cet
 * ordinateur », fields « Code personnel » and « Confirmer le code personnel », button « Créer le
 * code ».
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { MIN_SECRET_LENGTH } from '../../security/key-wrapping';
import { generateRecoveryCode } from '../../security/recovery-code';
import type { SecuritySession } from '../../security/session';
import { checkNewPinPair, PinField } from './PinField';

export function EnrolPage({ session }: { session: SecuritySession }) {
  const [recoveryCode] = useState(generateRecoveryCode);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ pin: string | null; confirm: string | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkNewPinPair(pin, confirm, MIN_SECRET_LENGTH);
    setErrors(problems);
    if (problems) return;
    setBusy(true);
    setFailure(null);
    try {
      await session.enrol(pin, recoveryCode);
    } catch (error) {
      console.error('enrolment failed', error);
      setFailure(
        `Le code n’a pas pu être créé : ${error instanceof Error ? error.message : String(error)}`,
      );
      setBusy(false);
    }
  };

  return (
    <Box component="main" id="main" sx={{ maxWidth: 640, mx: 'auto', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography component="h1" variant="h1" sx={{ mb: 2 }}>
          Protéger les données de cet ordinateur
        </Typography>
        <Typography sx={{ mb: 2 }}>
          Les entretiens enregistrés sur cet ordinateur sont chiffrés. Choisissez un code personnel
          d’au moins {MIN_SECRET_LENGTH} caractères : il sera demandé à chaque ouverture et après
          chaque verrouillage. Il n’est enregistré nulle part.
        </Typography>
        <Box
          component="section"
          aria-labelledby="recovery-title"
          sx={{ border: 2, borderColor: 'warning.main', borderRadius: 1, p: 2, mb: 3 }}
        >
          <Typography component="h2" variant="h3" id="recovery-title">
            Code de secours
          </Typography>
          <Typography
            data-testid="recovery-code"
            sx={{ fontFamily: 'monospace', fontSize: '1.375rem', my: 1, letterSpacing: 1 }}
          >
            {recoveryCode}
          </Typography>
          <Typography>
            Il permet de définir un nouveau code personnel si celui-ci est oublié. Imprimez-le ou
            recopiez-le maintenant et remettez-le à l’administrateur de votre service, qui le range
            loin de cet ordinateur : il ne sera plus jamais affiché.
          </Typography>
          <Button variant="outlined" sx={{ mt: 1 }} onClick={() => window.print()}>
            Imprimer le code de secours
          </Button>
        </Box>
        <Box
          component="form"
          noValidate
          onSubmit={(e) => void submit(e)}
          sx={{ display: 'grid', gap: 2 }}
        >
          <PinField
            id="enrol-pin"
            label="Code personnel"
            value={pin}
            onChange={setPin}
            error={errors?.pin}
            helperText={`Au moins ${MIN_SECRET_LENGTH} caractères (chiffres, lettres ou phrase).`}
            autoComplete="new-password"
            autoFocus
            disabled={busy}
          />
          <PinField
            id="enrol-pin-confirm"
            label="Confirmer le code personnel"
            value={confirm}
            onChange={setConfirm}
            error={errors?.confirm}
            autoComplete="new-password"
            disabled={busy}
          />
          {failure && (
            <Alert severity="error" role="alert">
              {failure}
            </Alert>
          )}
          <Box>
            <Button type="submit" variant="contained" disabled={busy}>
              Créer le code
            </Button>
            {busy && (
              <Typography component="span" role="status" sx={{ ml: 2 }}>
                Création de la clé de chiffrement…
              </Typography>
            )}
          </Box>
        </Box>
      </Paper>
    </Box>
  );
}
