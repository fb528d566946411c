/**
 * First run (docs/security.md "Data at rest"): the professional chooses the personal code that
 * protects the data key, and notes the recovery code shown here once (to hand to the service's
 * administrator). UI contract used by the end-to-end tests: heading « Protéger les données de cet
 * ordinateur », fields « Code personnel » and « Confirmer le code personnel », button « Créer le
 * code ».
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { MIN_SECRET_LENGTH } from '../../security/key-wrapping';
import { generateRecoveryCode } from '../../security/recovery-code';
import type { SecuritySession } from '../../security/session';
import { NewPinFields, PinForm, PinScreen, useNewPin, usePinSubmission } from './PinForm';

function describeFailure(error: unknown): string {
  console.error('enrolment failed', error);
  return `Le code n’a pas pu être créé : ${error instanceof Error ? error.message : String(error)}`;
}

export function EnrolPage({ session }: { session: SecuritySession }) {
  const [recoveryCode] = useState(generateRecoveryCode);
  const newPin = useNewPin();
  const submission = usePinSubmission(describeFailure);

  const submit = () => {
    if (!newPin.check()) return;
    void submission.run(async () => {
      await session.enrol(newPin.pin, recoveryCode);
      return null;
    });
  };

  return (
    <PinScreen title="Protéger les données de cet ordinateur">
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
      <PinForm
        onSubmit={submit}
        submission={submission}
        submitLabel="Créer le code"
        busyText="Création de la clé de chiffrement…"
      >
        <NewPinFields
          state={newPin}
          idPrefix="enrol"
          helperText={`Au moins ${MIN_SECRET_LENGTH} caractères (chiffres, lettres ou phrase).`}
          autoFocus
          disabled={submission.busy}
        />
      </PinForm>
    </PinScreen>
  );
}
