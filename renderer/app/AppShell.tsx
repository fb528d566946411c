/**
 * The frame of every screen: skip link, banner with the app name and the storage state, the main
 * landmark the skip link targets.
 */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { SessionControls } from '../features/security/SessionControls';
import { SyncHeaderStatus } from '../features/sync/SyncHeaderStatus';
import { hrefFor } from './router';
import { useServices } from './services';

const PERSISTENCE_LABEL = {
  granted: 'Stockage local protégé',
  denied: "Stockage local non garanti par le navigateur : synchronisez en fin d'entretien",
  unsupported: 'Stockage local : état inconnu',
} as const;

export function AppShell({ children }: { children: ReactNode }) {
  const { persistence, demo } = useServices();
  return (
    <>
      <Link
        href="#main"
        className="no-print"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
        sx={{
          position: 'absolute',
          left: 8,
          top: -64,
          zIndex: 2000,
          p: 1.5,
          bgcolor: 'background.paper',
          '&:focus': { top: 8 },
        }}
      >
        Aller au contenu principal
      </Link>
      <AppBar
        position="static"
        color="primary"
        elevation={0}
        className="no-print"
        component="header"
      >
        <Toolbar sx={{ gap: 2, flexWrap: 'wrap' }}>
          <Typography component="p" sx={{ fontWeight: 700, fontSize: '1.25rem' }}>
            <Link href="#/" color="inherit" underline="hover">
              codiag — co-diagnostic
            </Link>
          </Typography>
          {demo && (
            <Typography
              component="p"
              sx={{ bgcolor: '#fff3cd', color: '#3d2b00', px: 1, borderRadius: 1 }}
            >
              Démonstration : personnes fictives
            </Typography>
          )}
          <Link href={hrefFor({ name: 'dashboard' })} color="inherit" underline="always">
            Tableau de bord
          </Link>
          <Box sx={{ flexGrow: 1 }} />
          {persistence && (
            <Typography component="p" data-testid="persistence-state">
              {PERSISTENCE_LABEL[persistence.state]}
            </Typography>
          )}
          <SyncHeaderStatus />
          <SessionControls />
        </Toolbar>
      </AppBar>
      <Box
        component="main"
        id="main"
        tabIndex={-1}
        sx={{ p: { xs: 1.5, md: 3 }, outline: 'none', maxWidth: 1600, mx: 'auto' }}
      >
        {children}
      </Box>
    </>
  );
}
