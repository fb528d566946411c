/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_DEMO?: string;
  /** '1' only in test builds: accepts `?codec=identity` (never set for a release). */
  readonly VITE_CODIAG_TEST_SWITCHES?: string;
}
