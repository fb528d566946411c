/**
 * « Exporter les données de cette personne »: the beneficiary's right of access (RGPD art. 15,
 * docs/security.md "Data-protection duties"). Saves what is pending first, then offers one JSON
 * file with everything this laptop holds about the person, decrypted.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useServices } from '../../app/services';
import { exportPersonData, personExportFileName, userMessageOf } from '../../storage';
import type { InterviewDraftStore } from './draft-store';

export function ExportPersonButton(props: { store: InterviewDraftStore; beneficiaryId: string }) {
  const { storage, platform, today } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setFailure(null);
    try {
      await props.store.flush();
      const data = await exportPersonData(storage, props.beneficiaryId);
      platform.saveFile(
        personExportFileName(props.beneficiaryId, today()),
        'application/json',
        `${JSON.stringify(data, null, 2)}\n`,
      );
    } catch (error) {
      console.error('export failed', error);
      setFailure(`L’export a échoué : ${userMessageOf(error)}`);
    }
  };
  return (
    <>
      <Button variant="outlined" onClick={() => void run()}>
        Exporter les données de cette personne
      </Button>
      {failure && (
        <Alert severity="error" role="alert">
          {failure}
        </Alert>
      )}
    </>
  );
}
