/**
 * The look: a 16 px base for every text (readable across the table, zoomable to 200 %), contrast
 * above WCAG AA, and a focus ring nobody can miss when working with the keyboard. The lock screen
 * uses it as is; the app adds MUI's French texts (app-theme.ts).
 */
import { createTheme } from '@mui/material/styles';

const FOCUS = '#b45309';

export const theme = createTheme({
  palette: {
    primary: { main: '#1d4e89' },
    secondary: { main: '#6b2c91' },
    error: { main: '#b3261e' },
    warning: { main: '#8a4b00' },
    success: { main: '#1e6b34' },
    // A closed interview is read with its fields disabled: their text must stay readable (AA).
    text: { primary: '#1b1b1f', secondary: '#44464f', disabled: '#5c5f66' },
    background: { default: '#f5f6f8' },
  },
  typography: {
    fontFamily: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    body1: { fontSize: '1rem', lineHeight: 1.5 },
    body2: { fontSize: '1rem', lineHeight: 1.5 },
    button: { fontSize: '1rem', textTransform: 'none', fontWeight: 600 },
    caption: { fontSize: '0.9375rem' },
    h1: { fontSize: '1.75rem', fontWeight: 700 },
    h2: { fontSize: '1.375rem', fontWeight: 700 },
    h3: { fontSize: '1.125rem', fontWeight: 700 },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        ':focus-visible': { outline: `3px solid ${FOCUS}`, outlineOffset: '2px' },
        'html, body': { scrollPaddingTop: '5rem' },
        '@media print': {
          '.no-print': { display: 'none !important' },
          body: { background: '#fff' },
        },
      },
    },
    MuiFormHelperText: { styleOverrides: { root: { fontSize: '0.9375rem' } } },
    MuiInputLabel: { styleOverrides: { root: { fontSize: '1rem' } } },
    MuiButtonBase: { defaultProps: { disableRipple: true } },
    MuiButton: {
      styleOverrides: {
        root: { '&.Mui-focusVisible': { outline: `3px solid ${FOCUS}`, outlineOffset: '2px' } },
      },
    },
    MuiRadio: {
      styleOverrides: {
        root: { '&.Mui-focusVisible': { outline: `3px solid ${FOCUS}` } },
      },
    },
    MuiCheckbox: {
      styleOverrides: {
        root: { '&.Mui-focusVisible': { outline: `3px solid ${FOCUS}` } },
      },
    },
  },
});
