/**
 * The satisfaction questions at the end of the co-diagnostic (Annexe D of the convention:
 * satisfaction of the beneficiaries and of the professionals). Three questions for the person, on
 * a full screen turned to them — large type, plain French, four big choices and « Passer » — and
 * one for each professional. Every answer goes into `interview.satisfaction` through the autosave;
 * the dashboard counts answers and skips.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { Interview } from '../../../shared/domain';
import {
  BENEFICIARY_SATISFACTION_QUESTIONS,
  SATISFACTION_QUESTION_LABELS,
  SATISFACTION_SCALE_LABELS,
  SATISFACTION_SCORES,
  type BeneficiarySatisfactionQuestion,
  type SatisfactionAnswer,
  type SatisfactionSection,
} from '../../../shared/domain/satisfaction';
import { useReadOnly } from '../../ui';
import type { InterviewDraftStore } from '../interview/draft-store';

type Professional = keyof SatisfactionSection['professionals'];

const PROFESSIONAL_LABELS = {
  peAdvisor: 'Conseiller France Travail',
  cdProfessional: 'Professionnel du Département',
} as const satisfies Record<Professional, string>;

function answerText(answer: SatisfactionAnswer): string {
  if (answer === null) return 'pas encore posée';
  if (answer === 'skipped') return 'passée';
  const score = SATISFACTION_SCORES.find((s) => s === answer);
  return score === undefined ? String(answer) : SATISFACTION_SCALE_LABELS[score];
}

function AnswerButtons(props: {
  labelledBy: string;
  value: SatisfactionAnswer;
  onAnswer: (answer: Exclude<SatisfactionAnswer, null>) => void;
  large?: boolean;
  disabled?: boolean;
}) {
  const size = props.large
    ? { fontSize: '1.6rem', minHeight: 88, px: 3 }
    : { fontSize: '1rem', minHeight: 44 };
  return (
    <Box
      role="group"
      aria-labelledby={props.labelledBy}
      sx={{
        display: 'grid',
        gap: props.large ? 2 : 1,
        gridTemplateColumns: props.large
          ? { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(4, minmax(0, 1fr))' }
          : 'repeat(auto-fill, minmax(130px, 1fr))',
      }}
    >
      {SATISFACTION_SCORES.map((score) => (
        <Button
          key={score}
          variant={props.value === score ? 'contained' : 'outlined'}
          aria-pressed={props.value === score}
          disabled={props.disabled}
          onClick={() => props.onAnswer(score)}
          sx={{ ...size, textTransform: 'none', borderWidth: 2 }}
        >
          {SATISFACTION_SCALE_LABELS[score]}
        </Button>
      ))}
      <Button
        variant={props.value === 'skipped' ? 'contained' : 'text'}
        color="inherit"
        aria-pressed={props.value === 'skipped'}
        disabled={props.disabled}
        onClick={() => props.onAnswer('skipped')}
        sx={{ ...size, textTransform: 'none', gridColumn: props.large ? '1 / -1' : undefined }}
      >
        Passer
      </Button>
    </Box>
  );
}

/** The title of the screen turned to the person, which names its dialog. */
const SCREEN_TITLE_ID = 'satisfaction-screen-title';

/**
 * The screen turned to the person: one question at a time, then thanks. The focus goes to each
 * question as it appears (and to the thanks), so a screen reader reads it and Tab goes on to its
 * answers, rather than staying on the button of the same place in the previous question.
 */
function BeneficiaryScreen(props: {
  satisfaction: SatisfactionSection;
  onAnswer: (q: BeneficiarySatisfactionQuestion, a: Exclude<SatisfactionAnswer, null>) => void;
  onClose: () => void;
}) {
  const [step, setStep] = useState(0);
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  const question = BENEFICIARY_SATISFACTION_QUESTIONS[step];
  return (
    <Box sx={{ p: { xs: 3, md: 6 }, maxWidth: 1100, mx: 'auto', display: 'grid', gap: 4 }}>
      <Typography component="h2" id={SCREEN_TITLE_ID} sx={{ fontSize: '1.4rem', fontWeight: 700 }}>
        Votre avis sur ce rendez-vous
      </Typography>
      {question ? (
        <>
          <Typography sx={{ fontSize: '1.4rem' }} id="satisfaction-step">
            Question {step + 1} sur {BENEFICIARY_SATISFACTION_QUESTIONS.length}
          </Typography>
          <Typography
            key={question}
            ref={heading}
            component="h3"
            id="satisfaction-question"
            tabIndex={-1}
            aria-describedby="satisfaction-step"
            sx={{ fontSize: { xs: '2rem', md: '2.6rem' }, fontWeight: 700, lineHeight: 1.25 }}
          >
            {SATISFACTION_QUESTION_LABELS[question]}
          </Typography>
          <AnswerButtons
            large
            labelledBy="satisfaction-question"
            value={props.satisfaction.beneficiary[question]}
            onAnswer={(answer) => {
              props.onAnswer(question, answer);
              setStep(step + 1);
            }}
          />
        </>
      ) : (
        <>
          <Typography
            ref={heading}
            component="h3"
            tabIndex={-1}
            sx={{ fontSize: { xs: '2.2rem', md: '3rem' }, fontWeight: 700 }}
          >
            Merci pour vos réponses.
          </Typography>
          <Typography sx={{ fontSize: '1.6rem' }}>
            Vous pouvez rendre l’ordinateur aux professionnels.
          </Typography>
          <Button
            variant="contained"
            onClick={props.onClose}
            sx={{ fontSize: '1.4rem', minHeight: 72, justifySelf: 'start', textTransform: 'none' }}
          >
            Rendre l’écran aux professionnels
          </Button>
        </>
      )}
      {step > 0 && (
        <Button
          variant="text"
          onClick={() => setStep(step - 1)}
          sx={{ justifySelf: 'start', fontSize: '1.2rem' }}
        >
          ← Question précédente
        </Button>
      )}
    </Box>
  );
}

export function SatisfactionPanel({
  store,
  interview,
}: {
  store: InterviewDraftStore;
  /** What the panel shows of the interview (the whole interview will do). */
  interview: Pick<Interview, 'satisfaction' | 'status'>;
}) {
  const [open, setOpen] = useState(false);
  const { satisfaction } = interview;
  const readOnly = useReadOnly() || interview.status === 'closed';
  const edit = (next: (s: SatisfactionSection) => SatisfactionSection) =>
    store.update((doc) => ({
      ...doc,
      interview: { ...doc.interview, satisfaction: next(doc.interview.satisfaction) },
    }));
  const answerBeneficiary = (
    q: BeneficiarySatisfactionQuestion,
    a: Exclude<SatisfactionAnswer, null>,
  ) => edit((s) => ({ ...s, beneficiary: { ...s.beneficiary, [q]: a } }));
  const answerProfessional = (p: Professional, a: Exclude<SatisfactionAnswer, null>) =>
    edit((s) => ({ ...s, professionals: { ...s.professionals, [p]: a } }));

  return (
    <Box component="section" aria-labelledby="satisfaction-title" sx={{ my: 2 }}>
      <Typography component="h3" variant="h3" id="satisfaction-title">
        Satisfaction
      </Typography>
      <Typography sx={{ my: 1 }}>
        {readOnly
          ? 'Les réponses données à la fin de l’entretien (lecture seule).'
          : 'Trois questions courtes pour la personne, sur l’écran tourné vers elle. Elle peut passer une question.'}
      </Typography>
      <Box component="ul" data-testid="satisfaction-beneficiary-state" sx={{ my: 1 }}>
        {BENEFICIARY_SATISFACTION_QUESTIONS.map((q) => (
          <li key={q}>
            {SATISFACTION_QUESTION_LABELS[q]} — {answerText(satisfaction.beneficiary[q])}
          </li>
        ))}
      </Box>
      {!readOnly && (
        <Button variant="outlined" onClick={() => setOpen(true)}>
          Tourner l’écran vers la personne
        </Button>
      )}
      <Typography component="h4" sx={{ fontWeight: 700, mt: 2 }} id="satisfaction-pro-question">
        Pour chaque professionnel : {SATISFACTION_QUESTION_LABELS.professional}
      </Typography>
      {(Object.keys(PROFESSIONAL_LABELS) as Professional[]).map((p) => (
        <Box key={p} sx={{ mt: 1 }}>
          <Typography id={`satisfaction-${p}`}>
            {PROFESSIONAL_LABELS[p]} : {answerText(satisfaction.professionals[p])}
          </Typography>
          <AnswerButtons
            labelledBy={`satisfaction-pro-question satisfaction-${p}`}
            value={satisfaction.professionals[p]}
            disabled={readOnly}
            onAnswer={(a) => answerProfessional(p, a)}
          />
        </Box>
      ))}
      <Dialog
        fullScreen
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={SCREEN_TITLE_ID}
      >
        <BeneficiaryScreen
          satisfaction={satisfaction}
          onAnswer={answerBeneficiary}
          onClose={() => setOpen(false)}
        />
      </Dialog>
    </Box>
  );
}
