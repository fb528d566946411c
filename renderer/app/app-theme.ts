/**
 * The app's theme: the look (theme.ts) with MUI's French texts (pagination, autocomplete, …).
 * Not on the lock screen, which needs none of them: MUI's French locale builds an
 * `Intl.NumberFormat('fr-FR')` when it loads, and the browser's first number format costs 40 to
 * 80 ms of ICU data on a cold start.
 */
import { frFR } from '@mui/material/locale';
import { createTheme } from '@mui/material/styles';
import { theme } from './theme';

export const appTheme = createTheme(theme, frFR);
