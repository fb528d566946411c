/** The app: theme, style cache, services, and the page for the current route. */
import { CacheProvider, type EmotionCache } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import Typography from '@mui/material/Typography';
import { ThemeProvider } from '@mui/material/styles';
import { lazy, Suspense, useEffect } from 'react';
import { AgendaPage } from '../features/agenda/AgendaPage';
import { SyncProvider } from '../features/sync/sync-context';
import { AppShell } from './AppShell';
import { Loading } from './Loading';
import { useRoute } from './router';
import { ServicesContext, type Services } from './services';
import { appTheme } from './app-theme';

const InterviewPage = lazy(() =>
  import('../features/interview/InterviewPage').then((m) => ({ default: m.InterviewPage })),
);
const SyncPage = lazy(() =>
  import('../features/sync/SyncPage').then((m) => ({ default: m.SyncPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
const ContractPage = lazy(() =>
  import('../features/ceo/ContractPage').then((m) => ({ default: m.ContractPage })),
);

function Page() {
  const route = useRoute();
  useEffect(() => {
    if (route.name === 'agenda') document.title = 'Agenda — codiag';
  }, [route.name]);
  switch (route.name) {
    case 'agenda':
      return <AgendaPage />;
    case 'interview':
      return <InterviewPage key={route.id} id={route.id} />;
    case 'contract':
      return <ContractPage key={route.id} id={route.id} view="contract" />;
    case 'beneficiary-view':
      return <ContractPage key={route.id} id={route.id} view="beneficiary" />;
    case 'sync':
      return <SyncPage />;
    case 'dashboard':
      return <DashboardPage />;
    case 'not-found':
      return (
        <Typography component="h1" variant="h1">
          Page introuvable : {route.path}
        </Typography>
      );
  }
}

export function App({ services, cache }: { services: Services; cache: EmotionCache }) {
  return (
    <CacheProvider value={cache}>
      <ThemeProvider theme={appTheme}>
        <CssBaseline />
        <ServicesContext.Provider value={services}>
          <SyncProvider>
            <AppShell>
              <Suspense fallback={<Loading />}>
                <Page />
              </Suspense>
            </AppShell>
          </SyncProvider>
        </ServicesContext.Provider>
      </ThemeProvider>
    </CacheProvider>
  );
}
